package com.discoverytriage.scenarios;

import com.discoverytriage.loopback.JavacordLoopback;
import com.discoverytriage.loopback.LoopbackDiscord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;
import org.javacord.api.DiscordApiBuilder;

/**
 * The one loopback Discord the shared scenario context is bound to: started when this class loads (before any
 * Spring context), never stopped (the context outlives the test classes and disconnects at JVM exit).
 */
final class SharedLoopback {

    /** Network latency of Discord's REST answers in the scenarios (the 50 to 150 ms); see the README. */
    static final java.time.Duration LATENCY_MIN = java.time.Duration.ofMillis(50);
    static final java.time.Duration LATENCY_MAX = java.time.Duration.ofMillis(150);
    /*
     * Every scenario class of the shared context posts its cards into one summary channel, and the burst alone posts
     * 50. At the stand-in's Discord-like 5 message creates per 5 s per channel, the burst's backlog (drained one
     * card a second, as it would be on Discord) outlasts the next classes' 20 s card deadlines. So the shared context
     * opens that one bucket wider; StandInOracleTest keeps the 5-per-5-s default honest on its own.
     */
    static final LoopbackDiscord DISCORD = new LoopbackDiscord().start().latency(LATENCY_MIN, LATENCY_MAX)
            .routeRateLimit("POST", "/channels/{channel}/messages", 50, java.time.Duration.ofSeconds(1));
    static final Path DATA_DIRECTORY = temporaryDirectory();
    static final String BOOKING_URL = "https://booking.example/strategy-call";

    private SharedLoopback() {
    }

    /** Everything the application needs to run against {@code discord} with an H2 file under {@code data}. */
    static Map<String, String> properties(LoopbackDiscord discord, Path data) {
        Map<String, String> properties = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("spring.datasource.url", "jdbc:h2:file:" + data.resolve("triage").toAbsolutePath()),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "20"),
                Map.entry("triage.discord.enabled", "true"),
                Map.entry("triage.discord.token", discord.token()),
                Map.entry("triage.discord.guild-id", Long.toUnsignedString(discord.guild().id())),
                Map.entry("triage.discord.summary-channel-id", Long.toUnsignedString(discord.guild().summaryChannelId())),
                Map.entry("triage.discord.consultant-role-id", Long.toUnsignedString(discord.guild().managerRoleId())),
                Map.entry("triage.discord.worker-threads", "16"),
                Map.entry("triage.discord.delivery-interval", "200ms"),
                Map.entry("triage.discord.delivery-max-backoff", "1s"),
                Map.entry("triage.discord.watchdog.silence", "3s"),
                Map.entry("triage.discord.watchdog.check-every", "250ms"),
                Map.entry("triage.booking.url", BOOKING_URL),
                // no weekly digest in the summary channel the card scenarios count (the operations scenario posts one)
                Map.entry("triage.digest.enabled", "false")));
        // run under the small-VM profile (-Dspring.profiles.active=small-vm): its pool and worker sizes, not these
        if (System.getProperty("spring.profiles.active", "").contains("small-vm")) {
            properties.remove("spring.datasource.hikari.maximum-pool-size");
            properties.remove("triage.discord.worker-threads");
        }
        return properties;
    }

    static void register(LoopbackDiscord discord, Path data, BiConsumer<String, String> registry) {
        properties(discord, data).forEach(registry);
    }

    /** What the application's Javacord builder needs to reach {@code discord}. */
    static void pointAt(LoopbackDiscord discord, DiscordApiBuilder builder) {
        JavacordLoopback.setGateway(discord.gatewayUrl());
        builder.setProxySelector(discord.proxySelector())
                .setTrustAllCertificates(true)
                .setShutdownHookRegistrationEnabled(false);
    }

    /** The same for the application's own interaction-callback client (verifying the stand-in's certificate). */
    static void pointAt(LoopbackDiscord discord, HttpClient.Builder builder) {
        builder.proxy(discord.proxySelector()).sslContext(LoopbackDiscord.clientTrust().sslContext());
    }

    private static Path temporaryDirectory() {
        try {
            Path directory = Files.createTempDirectory("scenarios-h2-");
            directory.toFile().deleteOnExit();
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
