package com.discoverytriage.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application with Discord's Interactions Endpoint URL on (a public key set) and no gateway: every
 * interaction arrives as a signed POST, is answered in the HTTP response, and the views follow as edits of
 * {@code @original} through the callback client; the card and the commands go over REST with the bot token.
 */
@Tag("loopback")
@DisplayName("Scenario: a whole triage over HTTP interactions")
class HttpInteractionsScenarioTest {

    static final long APPLICATION = 1_000_000_000_000_000_077L;

    @TempDir
    static Path data;
    static FakeDiscordApi api;
    static SignedDiscord discord;
    static AppInstance app;
    static final List<Long> acks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        api = new FakeDiscordApi(APPLICATION);
        discord = new SignedDiscord(APPLICATION);
        app = AppInstance.start("http", properties("jdbc:h2:file:" + data.resolve("triage").toAbsolutePath(),
                api, discord), null);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        api.close();
    }

    /** Everything an HTTP-mode instance needs; shared with the two-instance test. */
    static Map<String, String> properties(String jdbcUrl, FakeDiscordApi api, SignedDiscord discord) {
        return Map.ofEntries(
                Map.entry("spring.datasource.url", jdbcUrl),
                Map.entry("spring.datasource.hikari.maximum-pool-size", "20"),
                Map.entry("triage.discord.token", "http-mode-test-token"),
                Map.entry("triage.discord.guild-id", Long.toUnsignedString(SignedDiscord.GUILD)),
                Map.entry("triage.discord.summary-channel-id", Long.toUnsignedString(SignedDiscord.SUMMARY_CHANNEL)),
                Map.entry("triage.discord.http.public-key", discord.publicKeyHex()),
                Map.entry("triage.discord.gateway.enabled", "false"),
                Map.entry("triage.discord.callbacks.api-base", api.apiBase()),
                Map.entry("triage.discord.worker-threads", "8"),
                Map.entry("triage.discord.delivery-interval", "200ms"),
                Map.entry("triage.discord.delivery-max-backoff", "1s"),
                Map.entry("triage.lifecycle-scheduler-enabled", "false"),
                Map.entry("triage.booking.url", "https://booking.example/strategy-call"));
    }

    @Test
    @DisplayName("/triage, text answers, a click delivered twice, every question, the outcome: one card, final")
    void wholeTriageOverHttp() {
        long user = 1_400_000_000_000_000_001L;
        HttpProspect prospect = new HttpProspect(discord, api, app::endpoint, user, "Hedy Http", acks);

        prospect.startTechnologyTriage();
        String before = prospect.view.path("embeds").path(0).path("footer").path("text").asText()
                + prospect.view.path("embeds").path(0).path("description").asText();
        assertThat(prospect.fitAnswer()).as("the first yes/no question is a gate, passed with No").isEqualTo("No");
        prospect.clickDeliveredTwice("No");
        ObjectNode after = prospect.view;
        prospect.answerAsAFitThenSeeResult(0);

        // the outcome, as the prospect sees it: answered like a fit (no gate fires, every signal yes), the call
        assertThat(prospect.view.toString()).contains("Book your strategy call");
        // the repeated delivery was acknowledged twice but applied once: one edit for its token, one step on
        assertThat(prospect.duplicatedTokens).hasSize(1);
        String token = prospect.duplicatedTokens.get(0);
        assertThat(api.count("PATCH", "/webhooks/\\d+/" + token + "/messages/@original")).isEqualTo(1);
        assertThat(after.toString()).isNotEqualTo(before);
        assertThat(prospect.retries).isZero();
        // commands registered over REST, once, as a bulk overwrite (an array of command objects)
        assertThat(api.calls).filteredOn(c -> c.method().equals("PUT")).singleElement()
                .satisfies(c -> assertThat(c.body().isArray() && c.body().toString().contains("\"name\":\"triage\""))
                        .isTrue());
        // exactly one card, posted once and then edited to the decision
        awaitCard(user, "Decided: book the call");
        assertThat(api.count("POST", "/channels/" + SignedDiscord.SUMMARY_CHANNEL + "/messages")).isEqualTo(1);
        assertThat(api.messagesIn(SignedDiscord.SUMMARY_CHANNEL)).hasSize(1);
    }

    @Test
    @DisplayName("over the real port: PING gets PONG; a bad or missing signature gets 401")
    void pingAndSignaturesOverTheRealPort() throws Exception {
        ObjectNode ping = FakeDiscordApi.JSON.createObjectNode().put("id", "1").put("type", 1)
                .put("application_id", Long.toString(APPLICATION)).put("token", "t").put("version", 1);
        SignedDiscord.Answer pong = discord.send(app.endpoint(), ping);
        assertThat(pong.status()).isEqualTo(200);
        assertThat(pong.body().path("type").asInt()).isEqualTo(1);

        byte[] body = ping.toString().getBytes(StandardCharsets.UTF_8);
        SignedDiscord stranger = new SignedDiscord(APPLICATION);
        String now = SignedDiscord.now();
        assertThat(discord.post(app.endpoint(), body, now, stranger.sign(now, body)).status()).isEqualTo(401);
        assertThat(discord.post(app.endpoint(), body, null, null).status()).isEqualTo(401);
        String old = Long.toString(System.currentTimeMillis() / 1000 - 3600);
        assertThat(discord.post(app.endpoint(), body, old, discord.sign(old, body)).status()).isEqualTo(401);
    }

    static ObjectNode awaitCard(long user, String text) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<FakeDiscordApi.Message> cards = api.messagesIn(SignedDiscord.SUMMARY_CHANNEL).stream()
                    .filter(m -> m.body().toString().contains("<@" + user + ">")).toList();
            if (cards.size() == 1 && cards.get(0).body().toString().contains(text)) {
                return cards.get(0).body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no single card with \"" + text + "\" for " + user + ": " + cards);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
