package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("validate and score on the real conversation files")
class ValidateCommandTest {

    private static final Path CONVERSATIONS = Path.of("conversations");

    @TempDir
    Path copy;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();


    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new DiagnosticLoader()::load, key -> null, null).run(args);
    }

    private void copyConversations() throws IOException {
        try (Stream<Path> files = Files.list(CONVERSATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }

    @Test
    @DisplayName("the shipped files are valid: OK and exit 0")
    void shippedFilesValid() {
        assertThat(run("validate", CONVERSATIONS.toString())).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: 2 diagnostics");
    }

    @Test
    @DisplayName("a band gap is reported naming the file and the bands field, exit 1")
    void bandGap() throws IOException {
        // given a copy of the files where the product diagnostic's 0-1 band now starts at 1 (nothing covers 0)
        copyConversations();
        Path product = copy.resolve("product-leadership.yaml");
        String yaml = Files.readString(product);
        String gapped = yaml.replaceFirst("(?m)^(\\s*- min:) 0\\n(\\s*max:) 1$", "$1 1\n$2 1");
        assertThat(gapped).as("the test edit applied").isNotEqualTo(yaml);
        Files.writeString(product, gapped);

        // when validate runs on the copy
        int exit = run("validate", copy.toString());

        // then it exits 1 and a problem line names the file and a bands field
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).contains("product-leadership.yaml").contains("bands"));
    }

    @Test
    @DisplayName("score: five product signals and every gate passed books the call; a gate gives its alternative")
    void scoreRealFiles() {
        assertThat(run("score", "--diagnostic", "product-leadership", "--answers",
                "pre-pmf=no,activity-updates=yes,teams-pull-apart=yes,no-clear-bet=yes,leader-gone=yes,ceo-covering=yes")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"diagnostic\":\"product-leadership\",\"outcome\":{\"kind\":\"book\"");
        out.reset();
        assertThat(run("score", "--diagnostic", "product-leadership", "--answers",
                "needs-daily-leader=yes,activity-updates=yes,teams-pull-apart=yes,no-clear-bet=yes,leader-gone=yes,ceo-covering=yes")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"kind\":\"alternative\"");
    }
}
