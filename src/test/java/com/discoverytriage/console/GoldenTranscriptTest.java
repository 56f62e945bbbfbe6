package com.discoverytriage.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Replays every transcript of {@code conversations/transcripts/} through the real application (conversation
 * files, rules, state machine, H2) and fails with a line diff when what a prospect sees drifts.
 *
 * <p>After an intended change of wording or rules, regenerate them and review the diff in git:
 * {@code ./mvnw -B test -Dtest=GoldenTranscriptTest -Dtranscripts.update=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "triage.discord.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:golden-transcripts;DB_CLOSE_DELAY=-1",
        "triage.booking.url=https://cal.example/consultant/strategy-call",
        "triage.conversations-dir=conversations"})
@DisplayName("Golden transcripts: what a prospect sees in the console")
class GoldenTranscriptTest {


    static final Path DIRECTORY = Path.of("conversations", "transcripts");
    private static final boolean UPDATE = Boolean.getBoolean("transcripts.update");

    @Autowired
    ConversationService service;

    @Autowired
    DiagnosticCatalog catalog;

    static Stream<Path> transcripts() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
            assertThat(list).as("transcripts in " + DIRECTORY).isNotEmpty();
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transcripts")
    @DisplayName("replaying the piped input gives exactly the recorded output")
    void replay(Path file) throws IOException {
        // given the recorded scenario
        Transcript transcript = Transcript.read(file);

        // when its input is piped into the console
        String actual = mask(run(transcript), transcript);

        // then the prospect sees exactly what was recorded
        if (UPDATE) {
            transcript.writeWithOutput(actual);
            return;
        }
        if (!actual.equals(transcript.output())) {
            fail("What a prospect sees in " + file + " drifted (- recorded, + now):\n"
                    + Transcript.diff(transcript.output(), actual)
                    + "If the change is intended, regenerate with:"
                    + " ./mvnw -B test -Dtest=GoldenTranscriptTest -Dtranscripts.update=true");
        }
    }

    private String run(Transcript transcript) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ConsoleTriage console = new ConsoleTriage(service, catalog, new BufferedReader(new StringReader(transcript.input())),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = console.run(new ConsoleTriage.Options(transcript.diagnostic(), transcript.name(), false, true));
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Triage ids, file versions and times change from run to run; everything else must not. */
    private String mask(String output, Transcript transcript) {
        String masked = output;
        String triageId = service.find(ConsoleTriage.prospectFor(transcript.name())).orElseThrow().triageId();
        masked = masked.replace(triageId, "<triage-id>");
        for (Diagnostic d : catalog.diagnostics()) {
            masked = masked.replace(d.version(), "<version>");
        }
        masked = masked.replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "<time>");
        return masked.replaceAll("\\(took [^)]*\\)", "(took <duration>)");
    }
}
