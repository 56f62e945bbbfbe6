package com.discoverytriage.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 9: a conversation file holding one 50 MB value took minutes and gigabytes before it was rejected.
 * An oversized file is refused by its size, before a byte of it is parsed.
 */
@DisplayName("Conversation files larger than the limit are refused before parsing")
class ConversationFileSizeTest {

    @TempDir
    Path dir;

    @Test
    void givenAFileWithOneHugeValue_whenLoaded_thenItIsRefusedWithFileFieldAndFix() throws IOException {
        for (String name : new String[] {"product-leadership.yaml", "technology-leadership.yaml", "routing.yaml"}) {
            Files.copy(Path.of("conversations", name), dir.resolve(name));
        }
        // a valid file otherwise: one extra (unknown) key holding a value just over the limit
        Path big = dir.resolve("technology-leadership.yaml");
        Files.writeString(big, "\nnotes: \"" + "x".repeat(1024 * 1024) + "\"\n",
                StandardOpenOption.APPEND);

        InvalidConversationFilesException e = catchThrowableOfType(InvalidConversationFilesException.class,
                () -> new DiagnosticLoader().load(dir));

        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.file()).endsWith("technology-leadership.yaml");
            assertThat(p.message()).contains("larger than");
            assertThat(p.fix()).isNotBlank();
        });
    }
}
