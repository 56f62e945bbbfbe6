package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("CLI forget and export: arguments")
class ForgetExportCliTest {

    private final List<String> calls = new ArrayList<>();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        Cli cli = new Cli(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8),
                dir -> null, key -> null, new Cli.ApplicationCommands() {
                    @Override
                    public int console(Cli.ConsoleRequest request, List<String> springArguments) {
                        return 0;
                    }

                    @Override
                    public int rescore(String diagnosticId, List<String> springArguments) {
                        return 0;
                    }

                    @Override
                    public int forget(String prospectId, List<String> springArguments) {
                        calls.add("forget " + prospectId + " " + springArguments);
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

    @Test
    @DisplayName("forget takes a Discord user id or a prospect id; export a format and a date range")
    void arguments() {
        assertThat(run("forget", "123456789")).isZero();
        assertThat(run("forget", "console:ada", "--spring.datasource.url=jdbc:h2:mem:x")).isZero();
        assertThat(run("export", "--format", "json", "--since", "2025-01-31")).isZero();
        assertThat(run("export")).isZero();
        assertThat(calls).containsExactly(
                "forget discord:123456789 []",
                // the console stores a hash of the name (issue 9: no name in a logged id)
                "forget " + com.discoverytriage.console.ConsoleTriage.prospectFor("ada").value()
                        + " [--spring.datasource.url=jdbc:h2:mem:x]",
                "export ExportRequest[format=json, since=2025-01-31T00:00:00Z, until=null]",
                "export ExportRequest[format=csv, since=null, until=null]");
    }

    @Test
    @DisplayName("a missing id, a bad format or a bad date is a usage error (exit 2)")
    void usage() {
        assertThat(run("forget")).isEqualTo(Cli.USAGE);
        assertThat(run("forget", "nobody")).isEqualTo(Cli.USAGE);
        assertThat(run("export", "--format", "xlsx")).isEqualTo(Cli.USAGE);
        assertThat(run("export", "--since", "31/01/2025")).isEqualTo(Cli.USAGE);
        assertThat(calls).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--since is a date such as 2025-01-31");
    }
}
