package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, items 8 and 4: the embedded database's directory and files are private to the user (700 / 600), and a
 * command that reads or erases never creates a database at a mistyped path.
 */
@DisplayName("The embedded database's files: private, and never created by export, forget or rescore")
class DatabaseFilesTest {

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        int exit = new Cli(o, e, new DiagnosticLoader()::load, key -> null,
                new SpringCommands(new ByteArrayInputStream(new byte[0]), o, e, true)).run(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void givenAFreshPath_whenTheConsoleCreatesTheDatabase_thenTheDirectoryIs700AndItsFiles600() throws IOException {
        Path data = tmp.resolve("data");
        Run run = run("console", "--name", "Perm Test", "--spring.datasource.url=jdbc:h2:file:" + data.resolve("triage"));

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        List<Path> files;
        try (Stream<Path> list = Files.list(data)) {
            files = list.toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).contains("triage.mv.db");
        for (Path f : files) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
        }
    }

    @Test
    void givenAMistypedPath_whenExportingOrForgetting_thenItSaysNoDatabaseExistsAndCreatesNone() {
        Path typo = tmp.resolve("dta");
        for (String[] command : List.of(new String[] {"export"}, new String[] {"forget", "123"})) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--spring.datasource.url=jdbc:h2:file:" + typo.resolve("triage");
            Run run = run(args);
            assertThat(run.exit()).as(String.join(" ", command)).isEqualTo(1);
            assertThat(run.err()).contains("no database exists at " + typo.resolve("triage.mv.db"));
            assertThat(run.out()).doesNotContain("Nothing is stored");
        }
        assertThat(typo).doesNotExist();
    }
}
