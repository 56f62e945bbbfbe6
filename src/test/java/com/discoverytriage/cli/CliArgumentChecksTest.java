package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.fixtures.ConsoleFixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Issue 9, item 9: arguments that were accepted silently now give exit 2 with a message (and do nothing). */
@DisplayName("CLI arguments that mean nothing are refused with exit 2")
class CliArgumentChecksTest {

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir -> ConsoleFixtures.catalog(), key -> null, new Cli.ApplicationCommands() {
                    @Override
                    public int console(Cli.ConsoleRequest request, List<String> springArguments) {
                        calls.add("console");
                        return 0;
                    }

                    @Override
                    public int rescore(String diagnosticId, List<String> springArguments) {
                        calls.add("rescore");
                        return 0;
                    }

                    @Override
                    public int forget(String prospectId, List<String> springArguments) {
                        calls.add("forget " + prospectId);
                        return 0;
                    }

                    @Override
                    public int export(Cli.ExportRequest request, List<String> springArguments) {
                        calls.add("export " + request);
                        return 0;
                    }
                });
        return cli.run(args);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void scoreWithOnlyCommasIsRefused() {
        assertThat(run("score", "--diagnostic", "tiny", "--answers", ",,,,")).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(error()).contains("Error: score:").contains("--answers");
    }

    @Test
    void exportSinceAfterUntilIsRefused() {
        assertThat(run("export", "--since", "2025-03-01", "--until", "2025-02-01")).isEqualTo(2);
        assertThat(run("export", "--since", "2025-03-01", "--until", "2025-03-01")).isEqualTo(2);
        assertThat(calls).isEmpty();
        assertThat(error()).contains("Error: export:").contains("--since").contains("--until");
    }

    @Test
    void forgetWithAnEmptyIdIsRefused() {
        assertThat(run("forget", "")).isEqualTo(2);
        assertThat(run("forget", "   ")).isEqualTo(2);
        assertThat(run("forget", "discord:")).isEqualTo(2);
        assertThat(calls).isEmpty();
        assertThat(error()).contains("Error: forget:");
    }
}
