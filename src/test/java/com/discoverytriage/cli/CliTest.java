package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.ConversationFileProblem;
import com.discoverytriage.diagnostic.ConversationFiles;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.InvalidConversationFilesException;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The command line (hand-built diagnostic, no Spring)")
class CliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> applicationCalls = new ArrayList<>();
    private Function<ConversationFiles, DiagnosticCatalog> loader = path -> ConsoleFixtures.catalog();

    private int run(String... args) {
        Cli.ApplicationCommands application = new Cli.ApplicationCommands() {
            @Override
            public int console(Cli.ConsoleRequest request, List<String> springArguments) {
                applicationCalls.add("console " + request + " " + springArguments);
                return 0;
            }

            @Override
            public int rescore(String diagnosticId, List<String> springArguments) {
                applicationCalls.add("rescore " + diagnosticId + " " + springArguments);
                return 0;
            }
        };
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                loader, key -> key.equals(Cli.CONVERSATIONS_DIR_PROPERTY) ? dir.toString() : null, application);
        return cli.run(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    @DisplayName("bad arguments: usage on stderr, exit 2")
    class BadArguments {

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {
                "frobnicate",
                "describe --bogus",
                "describe extra",
                "describe --dir",
                "score --answers s1=yes",
                "score --diagnostic tiny",
                "score --diagnostic tiny --answers s1=yes --diagnostic tiny",
                "validate a b",
                "console --json=yes",
                "console --unknown",
                "rescore -x",
                "describe --dir /definitely/not/here"})
        @DisplayName("each of these prints the usage and exits 2")
        void usage(String line) {
            int exit = run(line.split(" "));
            assertThat(exit).isEqualTo(2);
            assertThat(stderr()).startsWith("Error: ").contains("Usage: java -jar discovery-triage.jar");
            assertThat(stdout()).isEmpty();
            assertThat(applicationCalls).isEmpty();
        }
    }

    @Test
    @DisplayName("no arguments, or only Spring options, runs the bot; a command word does not")
    void botOrCommand() {
        assertThat(Cli.runsBot()).isTrue();
        assertThat(Cli.runsBot("--server.port=0")).isTrue();
        assertThat(Cli.runsBot("console")).isFalse();
        assertThat(Cli.runsBot("nonsense")).isFalse();
    }

    @Nested
    @DisplayName("score")
    class ScoreCommand {

        private JsonNode score(String answers) throws Exception {
            int exit = run("score", "--diagnostic", "tiny", "--answers", answers);
            assertThat(exit).as(stderr()).isZero();
            assertThat(stdout().strip()).doesNotContain("\n");
            return new ObjectMapper().readTree(stdout());
        }

        @Test
        @DisplayName("enough yes answers and no gate: book, with the yes answers as reasons")
        void book() throws Exception {
            JsonNode json = score("company=Acme,early=no,s1=yes,s2=y,s3=unsure");
            assertThat(json.toString()).startsWith("{\"diagnostic\":\"tiny\",\"outcome\":{\"kind\":\"book\",\"id\":\"call\","
                    + "\"title\":\"Book a strategy call\",\"reasons\":[");
            assertThat(json.get("signals").toString()).isEqualTo("{\"yes\":2,\"no\":0,\"unsure\":1}");
            assertThat(json.get("outcome").get("reasons").toString()).contains("Yes: Is the roadmap a list of requests?");
        }

        @Test
        @DisplayName("too few yes answers (unanswered count as no): the alternative")
        void alternative() throws Exception {
            JsonNode json = score("s1=yes");
            assertThat(json.get("outcome").get("kind").asText()).isEqualTo("alternative");
            assertThat(json.get("outcome").get("id").asText()).isEqualTo("not-now");
            assertThat(json.get("signals").toString()).isEqualTo("{\"yes\":1,\"no\":2,\"unsure\":0}");
        }

        @Test
        @DisplayName("a gate answered its way leads to its alternative whatever the count")
        void gate() throws Exception {
            JsonNode json = score("early=yes,s1=yes,s2=yes,s3=yes");
            assertThat(json.get("outcome").get("id").asText()).isEqualTo("find-fit");
            assertThat(json.get("outcome").get("reasons").get(0).asText()).contains("Before product-market fit");
        }

        @Test
        @DisplayName("an unknown question id is a clear error and exit 2")
        void unknownQuestion() {
            assertThat(run("score", "--diagnostic", "tiny", "--answers", "s1=yes,s9=no")).isEqualTo(2);
            assertThat(stderr()).contains("diagnostic 'tiny' has no question 's9'; its questions: company, early, s1, s2, s3");
            assertThat(stdout()).isEmpty();
        }

        @Test
        @DisplayName("a value that is not yes, no or unsure is a clear error and exit 2")
        void badValue() {
            assertThat(run("score", "--diagnostic", "tiny", "--answers", "s1=perhaps")).isEqualTo(2);
            assertThat(stderr()).contains("'perhaps' is not an answer to signal question 's1': use yes, no or unsure");
        }

        @Test
        @DisplayName("an unknown diagnostic is a clear error and exit 2")
        void unknownDiagnostic() {
            assertThat(run("score", "--diagnostic", "nope", "--answers", "s1=yes")).isEqualTo(2);
            assertThat(stderr()).contains("unknown diagnostic 'nope'; known: tiny");
        }
    }

    @Test
    @DisplayName("describe --json lists every question with its kind, the bands, gates, outcomes and the routing question")
    void describeJson() throws Exception {
        assertThat(run("describe", "--json")).isZero();
        JsonNode json = new ObjectMapper().readTree(stdout());
        JsonNode tiny = json.get("diagnostics").get(0);
        assertThat(tiny.get("questions").findValuesAsText("kind")).containsExactly("text", "gate", "signal", "signal", "signal");
        assertThat(tiny.get("bands")).hasSize(2);
        assertThat(tiny.get("gates").get(0).get("outcome").asText()).isEqualTo("find-fit");
        assertThat(tiny.get("outcomes").findValuesAsText("kind")).containsExactly("book", "alternative", "alternative");
        assertThat(json.get("routing").get("routes").get(0).get("diagnostic").asText()).isEqualTo("tiny");
    }

    @Test
    @DisplayName("describe as text names each question with its kind")
    void describeText() {
        assertThat(run("describe")).isZero();
        assertThat(stdout()).contains("Tiny leadership [tiny]", " 3. s1 (signal, counted): Is the roadmap a list of requests?",
                "too-early: early = yes -> find-fit", "Routing question: What would you like help with?");
    }

    @Test
    @DisplayName("validate prints every problem, one a line, and exits 1")
    void validateProblems() {
        loader = path -> {
            throw new InvalidConversationFilesException(List.of(
                    new ConversationFileProblem("conversations/a.yaml", "bands[1].min", "no band covers 4", "extend a band"),
                    new ConversationFileProblem("conversations/b.yaml", "questions[2].text", "empty text", "write the question")));
        };
        assertThat(run("validate", dir.toString())).isEqualTo(1);
        assertThat(stdout().lines()).containsExactly(
                "conversations/a.yaml: bands[1].min: no band covers 4 Fix: extend a band",
                "conversations/b.yaml: questions[2].text: empty text Fix: write the question");
        assertThat(stderr()).contains("2 problems");
    }

    @Test
    @DisplayName("validate on sound files prints OK with the number of diagnostics and exits 0")
    void validateOk() {
        assertThat(run("validate")).isZero();
        assertThat(stdout()).startsWith("OK: 1 diagnostic in ");
    }

    @Test
    @DisplayName("console and rescore hand their options and Spring properties to the application")
    void applicationCommands() {
        assertThat(run("console", "--diagnostic", "tiny", "--json", "--name=Ada", "--triage.booking.url=https://cal.com/x")).isZero();
        assertThat(run("rescore", "--diagnostic", "tiny", "--dir", dir.toString())).isZero();
        assertThat(applicationCalls).containsExactly(
                "console ConsoleRequest[diagnosticId=tiny, name=Ada, json=true] [--triage.booking.url=https://cal.com/x]",
                "rescore tiny [--triage.conversations-dir=" + dir + "]");
    }

    @Test
    @DisplayName("the application always starts without Discord and without a web server for console and rescore")
    void springArguments() {
        assertThat(SpringCommands.arguments(List.of("--x.y=1")))
                .containsExactly("--x.y=1", "--triage.discord.enabled=false", "--spring.main.web-application-type=none",
                        "--triage.lifecycle-scheduler-enabled=false", "--logging.level.root=WARN");
    }
}
