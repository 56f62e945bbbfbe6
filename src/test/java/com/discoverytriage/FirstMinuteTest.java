package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's first minute, as they would see it: the application started as its own process from a folder that
 * is not the project (no {@code conversations/} there), its whole output captured.
 */
@DisplayName("The first minute: started from any folder, as a separate process")
class FirstMinuteTest {

    @TempDir
    Path elsewhere;

    private record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(String input, Map<String, String> environment, String... args) throws IOException, InterruptedException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", classpath, DiscoveryTriageApplication.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(elsewhere.toFile())
                .redirectOutput(elsewhere.resolve("stdout.txt").toFile())
                .redirectError(elsewhere.resolve("stderr.txt").toFile());
        builder.environment().remove("DISCORD_TOKEN");
        builder.environment().remove("TRIAGE_CONVERSATIONSDIR");
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the process did not end within 90 s");
        }
        Run run = new Run(process.exitValue(), Files.readString(elsewhere.resolve("stdout.txt")),
                Files.readString(elsewhere.resolve("stderr.txt")));
        Files.delete(elsewhere.resolve("stdout.txt"));
        Files.delete(elsewhere.resolve("stderr.txt"));
        return run;
    }

    @Test
    @DisplayName("validate and describe read the conversation files built into the application, and say so, "
            + "without starting Spring, a database, a web server or Discord")
    void builtInConversations() throws Exception {
        // given a folder without conversations/, when validate and describe run there without --dir
        Run validate = run("", Map.of("JAVA_TOOL_OPTIONS", "-Xlog:class+load:file=classes.txt"), "validate");
        Run describe = run("", Map.of(), "describe");

        // then both read the built-in set and name it
        assertThat(validate.exit()).as(validate.all()).isZero();
        assertThat(validate.out()).startsWith("OK: ").contains("diagnostics in the built-in set (classpath:conversations)");
        assertThat(describe.exit()).as(describe.all()).isZero();
        assertThat(describe.out()).startsWith("Conversation files: the built-in set (classpath:conversations)")
                .contains("[product-leadership]");
        // and validate loaded no class of an application context, a database, a web server or Javacord
        List<String> loaded = Files.readAllLines(elsewhere.resolve("classes.txt"));
        assertThat(loaded).as("classes loaded by validate").isNotEmpty().noneMatch(line -> line.contains(
                "org.springframework.context.support.") || line.contains("org.h2.") || line.contains("org.apache.catalina.")
                || line.contains("org.javacord.") || line.contains("org.flywaydb."));
        // nor started a logging system, which it never uses: Logback's start-up (about 80 classes and its
        // configuration) was about a fifth of validate's run with the image's CDS archive
        assertThat(loaded).as("classes loaded by validate").noneMatch(line -> line.contains("ch.qos.logback.")
                || line.contains("org.apache.logging.log4j.") || line.contains("org.slf4j.LoggerFactory "));
    }

    @Test
    @DisplayName("triage.conversations-dir (here from the environment) names another set, and describe says which")
    void directoryOverrides() throws Exception {
        // given a directory with one diagnostic that is not the built-in one
        Path mine = Files.createDirectory(elsewhere.resolve("mine"));
        Files.writeString(mine.resolve("only.yaml"), """
                id: only
                title: Only one
                questions:
                  - id: s1
                    kind: signal
                    text: Is it so?
                counted: [s1]
                bands:
                  - {min: 0, max: 0, outcome: later, reason: Not yet.}
                  - {min: 1, max: 1, outcome: call, reason: A fit.}
                outcomes:
                  - {id: call, kind: book, title: Book a call, why: It fits.}
                  - {id: later, kind: alternative, title: Later, why: Not yet., next_step: Wait.}
                """);

        Run byEnvironment = run("", Map.of("TRIAGE_CONVERSATIONSDIR", "mine"), "describe");

        assertThat(byEnvironment.exit()).as(byEnvironment.all()).isZero();
        assertThat(byEnvironment.out()).startsWith("Conversation files: mine").contains("[only]")
                .doesNotContain("product-leadership");
    }

    @Test
    @DisplayName("the bot without a token: the one message comes first, before any database or web server, and "
            + "nothing is left behind")
    void noTokenFirst() throws Exception {
        // when the bot starts in an empty folder without DISCORD_TOKEN
        Run run = run("", Map.of());

        // then it exits 1 with the message naming the variable; no migration, pool or Tomcat line came before it
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.all()).contains("DISCORD_TOKEN is not set")
                .doesNotContain("Tomcat", "HikariPool", "flyway", "Flyway", "Migrating");
        assertThat(run.all().lines().filter(line -> line.matches("^\\s+at .*"))).as("stack trace lines").isEmpty();
        // only the two "Starting ..." lines come before the first line naming the problem (before: 35 lines)
        List<String> lines = run.all().lines().toList();
        assertThat(lines.stream().takeWhile(line -> !line.contains("DISCORD_TOKEN")).count()).as(run.all())
                .isLessThanOrEqualTo(2);
        // and no database folder appeared where it was started
        try (var left = Files.list(elsewhere)) {
            assertThat(left.map(p -> p.getFileName().toString())).isEmpty();
        }
    }

    @Test
    @DisplayName("the bot with Discord unreachable: one WARN line per retry, no stack trace, then the one message")
    void unreachableDiscord() throws Exception {
        // given a token, and every connection to Discord going through a proxy port where nothing listens, so that
        // Discord is unreachable whether or not this machine has a network
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        // when the bot starts and gives up after 4 s
        Run run = run("", Map.of("DISCORD_TOKEN", "MTA.not-a-real.token",
                "JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + closedPort),
                "--triage.discord.login-timeout=4s", "--server.port=0", "--management.server.port=0");

        // then: exit 1, the final message, no stack trace, and one line per retry, each a WARN naming the cause
        assertThat(run.exit()).as(run.all()).isEqualTo(1);
        assertThat(run.all()).contains("could not reach Discord's gateway within 4s");
        List<String> lines = run.all().lines().toList();
        assertThat(lines).as(run.all()).noneMatch(line -> line.matches("^\\s+at .*") || line.startsWith("Caused by:"));
        List<String> retries = lines.stream().filter(line -> line.contains("retrying in")).toList();
        assertThat(retries).as(run.all()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains(" WARN ", "Discord gateway"));
        assertThat(lines).as("Javacord's own reconnect lines are folded into the WARN line")
                .noneMatch(line -> line.contains("Trying to reconnect") || line.contains("An error occurred while connecting")
                        && !line.contains("retrying in"));
        assertThat(run.all()).doesNotContain("MTA.not-a-real.token");
    }

    @Test
    @DisplayName("console from another folder says where its database is")
    void consoleNamesItsDatabase() throws Exception {
        // when console runs from an empty folder and stops at the end of its input
        Run run = run("Acme, CEO\n", Map.of(), "console", "--diagnostic", "product-leadership", "--name", "Elsewhere");

        // then stderr names the database file it created there, as an absolute path
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(run.err()).contains("Database: the H2 file "
                + elsewhere.toRealPath().resolve("data").resolve("triage.mv.db"));
        assertThat(Files.exists(elsewhere.resolve("data").resolve("triage.mv.db"))).isTrue();
    }
}
