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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stats}: its arguments, then text, JSON and PNG from the real application over triages run in the console. */
@DisplayName("CLI stats")
class StatsCliTest {

    @TempDir
    Path data;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String input, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Cli cli = new Cli(outStream, errStream, new DiagnosticLoader()::load, key -> null, new SpringCommands(
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), outStream, errStream, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=jdbc:h2:file:" + data.resolve("triage").toAbsolutePath());
        int exit = cli.run(all.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("bad arguments are usage errors (exit 2) before anything starts")
    void usage() {
        List<Cli.StatsRequest> calls = new ArrayList<>();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cli cli = new Cli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true,
                StandardCharsets.UTF_8), dir -> null, key -> null, new Cli.ApplicationCommands() {
                    @Override
                    public int console(Cli.ConsoleRequest request, List<String> springArguments) {
                        return 0;
                    }

                    @Override
                    public int rescore(String diagnosticId, List<String> springArguments) {
                        return 0;
                    }

                    @Override
                    public int stats(Cli.StatsRequest request, List<String> springArguments) {
                        calls.add(request);
                        return 0;
                    }
                });
        assertThat(cli.run("stats", "--format", "xlsx")).isEqualTo(Cli.USAGE);
        assertThat(cli.run("stats", "--since", "31/01/2025")).isEqualTo(Cli.USAGE);
        assertThat(cli.run("stats", "--since", "2025-02-01", "--until", "2025-01-01")).isEqualTo(Cli.USAGE);
        assertThat(cli.run("stats", "--format", "png")).as("png needs --out").isEqualTo(Cli.USAGE);
        assertThat(calls).isEmpty();
        assertThat(cli.run("stats", "--since", "2025-01-01", "--until", "2025-02-01", "--diagnostic", "x")).isZero();
        assertThat(calls).containsExactly(new Cli.StatsRequest("text", java.time.LocalDate.of(2025, 1, 1),
                java.time.LocalDate.of(2025, 2, 1), "x", null));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--format is text, json or png");
    }

    @Test
    @DisplayName("a console triage decided by a gate, then its figures as JSON and as a PNG")
    void figuresOfConsoleTriages() throws Exception {
        // given a prospect stopped by the product-market-fit gate (question 4)
        assertThat(run("Tiny Seed Labs, founder\n1 PM, 3 engineers\n\nyes\nconfirm\n", "console", "--diagnostic",
                "product-leadership", "--name", "Gate Person").exit()).isZero();

        // when the figures are read as JSON
        Run json = run("", "stats", "--format", "json", "--diagnostic", "product-leadership");

        // then: 1 started and finished by the gate (an alternative); questions 1-4 reached, the rest skipped by
        // the gate and not counted as drop-off
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode figures = new ObjectMapper().readTree(json.out());
        assertThat(figures.get("started").asInt()).isEqualTo(1);
        assertThat(figures.get("finished").asInt()).isEqualTo(1);
        assertThat(figures.get("abandoned").asInt()).isZero();
        assertThat(figures.get("outcomes").get(0).get("kind").asText()).isEqualTo("alternative");
        JsonNode questions = figures.get("questions");
        assertThat(questions).hasSize(17);
        for (int i = 0; i < 17; i++) {
            assertThat(questions.get(i).get("reached").asInt()).as("question " + (i + 1)).isEqualTo(i < 4 ? 1 : 0);
            assertThat(questions.get(i).get("dropped").asInt()).isZero();
        }

        Path png = data.resolve("stats.png");
        Run chart = run("", "stats", "--format", "png", "--out", png.toString());
        assertThat(chart.exit()).as(chart.err()).isZero();
        assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
    }
}
