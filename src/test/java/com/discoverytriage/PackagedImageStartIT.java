package com.discoverytriage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar started with the image's JVM options (the Dockerfile's {@code ENV JAVA_OPTS}, which ask for the
 * bean definitions Spring AOT generated at build time), as the image's entrypoint starts it but without the CDS
 * archive. Runs after {@code package} (Maven Failsafe): the generated definitions exist only in the jar. Discord is
 * unreachable here: every HTTPS connection goes to a local port where nothing listens.
 */
@DisplayName("The packaged jar, started with the image's JVM options (Spring AOT)")
class PackagedImageStartIT {

    private static final Path JAR = Path.of("target", "discovery-triage.jar");
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @TempDir
    Path folder;

    @Test
    @DisplayName("given the image's options and a public key set at run time, when the bot starts, then it uses the "
            + "build-time bean definitions, logs in, and its HTTP interactions endpoint answers (401 unsigned)")
    void botStartsWithBuildTimeBeans() throws Exception {
        int port = freePort();
        Process bot = start(Map.of("DISCORD_PUBLIC_KEY", publicKeyHex()), "--server.port=" + port);
        try {
            String out = waitFor(bot, "connecting to Discord");

            assertThat(out).contains("Starting AOT-processed");
            HttpResponse<String> unsigned = HttpClient.newHttpClient().send(HttpRequest
                    .newBuilder(URI.create("http://127.0.0.1:" + port + "/discord/interactions"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":1}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).as("Discord: \"Security and Authorization\", an invalid signature "
                    + "gets 401").isEqualTo(401);
        } finally {
            bot.destroyForcibly().waitFor();
        }
    }

    @Test
    @DisplayName("given the image's options, when a setting that chooses beans differs from the build's, then the "
            + "start stops with one clear message naming the setting and the fix, no stack trace")
    void settingFixedAtBuildStopsTheStart() throws Exception {
        Process bot = start(Map.of(), "--server.port=0", "--triage.discord.enabled=false");

        assertThat(bot.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the start ends").isTrue();
        String out = output();
        assertThat(bot.exitValue()).as(out).isNotZero();
        assertThat(out).contains("triage.discord.enabled=false cannot apply")
                .contains("Remove -Dspring.aot.enabled=true").doesNotContain("\tat ");
    }

    @Test
    @DisplayName("given the image's options, when a command that needs the database runs (stats), then it chooses "
            + "its beans at start-up and works without a token")
    void commandRunsWithTheImageOptions() throws Exception {
        Process stats = start(Map.of("DISCORD_TOKEN", ""), "stats", "--spring.datasource.url=jdbc:h2:mem:stats");

        assertThat(stats.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the command ends").isTrue();
        String out = output();
        assertThat(stats.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("DISCORD_TOKEN").doesNotContain("\tat ");
    }

    private Process start(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(imageOptions());
        command.addAll(List.of("-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + freePort(),
                "-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(args));
        if (Arrays.stream(args).noneMatch(a -> a.startsWith("--spring.datasource.url="))) {
            command.add("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("triage"));
        }
        command.add("--management.server.port=0");
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("out.txt").toFile());
        builder.environment().put("DISCORD_TOKEN", "not-a-token");
        builder.environment().remove("TRIAGE_CONVERSATIONSDIR");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** The Dockerfile's one {@code ENV JAVA_OPTS} line ({@code ImageJvmOptionsTest} checks there is one). */
    static List<String> imageOptions() throws IOException {
        Matcher env = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"$").matcher(Files.readString(Path.of("Dockerfile")));
        assertThat(env.find()).isTrue();
        return Arrays.asList(env.group(1).split(" "));
    }

    private String waitFor(Process process, String line) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            String out = output();
            if (out.contains(line)) {
                return out;
            }
            assertThat(process.isAlive()).as("the bot is running: " + out).isTrue();
            Thread.sleep(50);
        }
        throw new AssertionError("\"" + line + "\" not logged within " + PATIENCE + ": " + output());
    }

    private String output() throws IOException {
        return Files.readString(folder.resolve("out.txt"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** An Ed25519 public key as the developer portal shows it: the raw 32 bytes in hex. */
    private static String publicKeyHex() throws Exception {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        return HexFormat.of().formatHex(x509, x509.length - 32, x509.length);
    }
}
