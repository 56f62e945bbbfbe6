package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code console} and {@code rescore} as a user runs them: through the command line, on the real application
 * (conversation files, state machine, an H2 file database in a temporary directory), with piped input.
 */
@DisplayName("console and rescore end to end (real application, temporary H2 file database)")
class ConsoleApplicationTest {

    @TempDir
    Path data;


    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private Run run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Cli cli = new Cli(outStream, errStream, new DiagnosticLoader()::load, key -> null,
                new SpringCommands(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outStream, errStream, true));
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--spring.datasource.url=jdbc:h2:file:" + data.resolve("triage").toAbsolutePath();
        all[args.length + 1] = "--triage.booking.url=https://cal.example/strategy-call";
        int exit = cli.run(all);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("piped answers end in the outcome, the summary, and a JSON summary as the last stdout line")
    void pipedRunEndsInJson() throws Exception {
        // given a prospect still searching for product-market fit, answering through a pipe
        String input = "Tiny Seed Labs, founder\n1 PM, 3 engineers\n\nyes\nconfirm\n";

        // when the console runs with --json
        Run run = run(input, "console", "--diagnostic", "product-leadership", "--json", "--name", "Pipe Test");

        // then it exits 0, stdout holds only the conversation (no log lines), and the last line is the JSON summary
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("Question 1 of ", "Our recommendation: ", "---- For the consultant ----")
                .doesNotContain(" INFO ", " WARN ");
        JsonNode json = new ObjectMapper().readTree(run.lines().get(run.lines().size() - 1));
        assertThat(json.get("prospectId").asText()).isEqualTo(com.discoverytriage.console.ConsoleTriage.prospectFor("Pipe Test").value());
        assertThat(json.get("phase").asText()).isEqualTo("decided");
        assertThat(json.get("outcome").get("kind").asText()).isEqualTo("alternative");
        assertThat(json.get("diagnosticVersion").asText()).isNotBlank();
        assertThat(json.get("answers").get(3).get("answer").asText()).isEqualTo("Yes");

        // and rescore, on the same database and unchanged files, finds nothing that would change
        Run rescore = run("", "rescore");
        assertThat(rescore.exit()).as(rescore.err()).isZero();
        assertThat(rescore.lines()).containsExactly("0 of 1 finished triage would change.");
    }

    @Test
    @DisplayName("input that ends midway says where it stopped, and the next run resumes at the same question")
    void resumesAfterEndOfInput() {
        // given a first run whose input stops after two answers
        Run first = run("Acme, CTO\n5 engineers\n", "console", "--diagnostic", "technology-leadership", "--name", "Resume Test");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).contains("Input ended at question 3 of ").contains("Your answers so far are saved");

        // when the console is started again (a new application, the same database)
        Run second = run("", "console", "--name", "Resume Test");

        // then the prospect is at question 3 again, with nothing asked twice
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out()).startsWith("\nQuestion 3 of ").doesNotContain("Question 1 of ");
    }

    @Test
    @DisplayName("a booking URL that is not a URL stops start-up naming the key; exit 1")
    void malformedBookingUrl() {
        Run run = run("", "console", "--name", "Bad Url", "--triage.booking.url=cal.example/strategy");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("triage.booking.url");
    }
}
