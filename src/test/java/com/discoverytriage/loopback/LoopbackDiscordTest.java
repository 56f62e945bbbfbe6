package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("The loopback Discord answers like Discord where Javacord alone would not show it")
class LoopbackDiscordTest {

    private static final MediaType JSON = MediaType.get("application/json");

    private static OkHttpClient client(LoopbackDiscord discord) {
        return new OkHttpClient.Builder()
                .proxySelector(discord.proxySelector())
                .sslSocketFactory(LoopbackDiscord.clientTrust().sslSocketFactory(),
                        LoopbackDiscord.clientTrust().trustManager())
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    private record Answer(int code, JsonNode body, Response raw) {
    }

    private static Answer call(OkHttpClient client, String method, String path, String body, String token)
            throws IOException {
        Request.Builder request = new Request.Builder().url("https://discord.com/api/v10" + path)
                .method(method, body == null ? null : RequestBody.create(body, JSON));
        if (token != null) {
            request.header("Authorization", "Bot " + token);
        }
        try (Response response = client.newCall(request.build()).execute()) {
            String text = response.body() == null ? "" : response.body().string();
            return new Answer(response.code(), text.isEmpty() ? Payloads.object() : Payloads.parse(text), response);
        }
    }

    @Test
    @DisplayName("only discord.com is tunnelled; another host is refused and recorded")
    void onlyDiscordIsTunnelled(LoopbackDiscord discord) throws IOException {
        // given a client routed through the stand-in, which reaches discord.com
        OkHttpClient client = client(discord);
        Answer gateway = call(client, "GET", "/gateway", null, null);
        assertThat(gateway.body().path("url").asText()).isEqualTo(discord.gatewayUrl());

        // when it tries another host / then the tunnel is refused
        assertThatThrownBy(() -> client.newCall(new Request.Builder().url("https://example.com/").build()).execute())
                .isInstanceOf(IOException.class);
        assertThat(discord.refusedTunnels()).containsExactly("example.com:443");
    }

    @Test
    @DisplayName("a wrong token is answered 401 with Discord's error body; a right one gets rate-limit headers")
    void authorizationAndHeaders(LoopbackDiscord discord) throws IOException {
        OkHttpClient client = client(discord);

        // when the bot's own user is asked for with a wrong and with the right token
        Answer refused = call(client, "GET", "/users/@me", null, "not-the-token");
        Answer accepted = call(client, "GET", "/users/@me", null, discord.token());

        // then
        assertThat(refused.code()).isEqualTo(401);
        assertThat(refused.body().path("message").asText()).isEqualTo("401: Unauthorized");
        assertThat(refused.body().has("code")).isTrue();
        assertThat(accepted.code()).isEqualTo(200);
        assertThat(accepted.body().path("id").asLong()).isEqualTo(discord.guild().bot().id());
        assertThat(accepted.raw().header("X-RateLimit-Limit")).isEqualTo("50");
        assertThat(accepted.raw().header("X-RateLimit-Remaining")).isEqualTo("49");
        assertThat(accepted.raw().header("X-RateLimit-Bucket")).isNotBlank();
        assertThat(accepted.raw().header("X-RateLimit-Reset-After")).isNotBlank();
        assertThat(accepted.raw().header("Date")).endsWith("GMT");
    }

    @Test
    @DisplayName("like Discord, a repeated post with an enforced nonce returns the first message; the channel lists newest first")
    void enforcedNonceAndChannelListing(LoopbackDiscord discord) throws IOException {
        // given a client and the summary channel
        OkHttpClient client = client(discord);
        String channel = "/channels/" + discord.guild().summaryChannelId() + "/messages";
        String card = "{\"content\":\"card\",\"nonce\":\"triage-1\",\"enforce_nonce\":true,\"allowed_mentions\":{\"parse\":[]}}";

        // when the same card is posted twice (a retry after a lost answer) and another message follows
        Answer first = call(client, "POST", channel, card, discord.token());
        Answer again = call(client, "POST", channel, card, discord.token());
        call(client, "POST", channel, "{\"content\":\"later\",\"allowed_mentions\":{\"parse\":[]}}", discord.token());
        Answer listing = call(client, "GET", channel + "?limit=100", null, discord.token());

        // then there is one card, and the listing starts with the newest message
        assertThat(again.body().path("id").asText()).isEqualTo(first.body().path("id").asText());
        assertThat(discord.messagesIn(discord.guild().summaryChannelId())).hasSize(2);
        assertThat(listing.code()).isEqualTo(200);
        assertThat(listing.body()).hasSize(2);
        assertThat(listing.body().get(0).path("content").asText()).isEqualTo("later");
        assertThat(listing.body().get(1).path("nonce").asText()).isEqualTo("triage-1");
    }

    @Test
    @DisplayName("a client that ignores the bucket gets a 429 with retry_after")
    void bucketEnforced(LoopbackDiscord discord) throws IOException {
        // given a bucket of 2 requests per 10 s
        discord.rateLimit(2, Duration.ofSeconds(10));
        OkHttpClient client = client(discord);
        String channel = "/channels/" + discord.guild().publicChannelId() + "/messages";
        String body = "{\"content\":\"hi\",\"allowed_mentions\":{\"parse\":[]}}";

        // when three messages are sent at once
        Answer first = call(client, "POST", channel, body, discord.token());
        Answer second = call(client, "POST", channel, body, discord.token());
        Answer third = call(client, "POST", channel, body, discord.token());

        // then the third is refused with Discord's 429
        assertThat(first.raw().header("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(second.raw().header("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(third.code()).isEqualTo(429);
        assertThat(third.body().path("retry_after").asDouble()).isPositive();
        assertThat(third.raw().header("Via")).isNotBlank();
        assertThat(discord.messagesIn(discord.guild().publicChannelId())).hasSize(2);
    }

    @Test
    @DisplayName("interaction tokens: one acknowledgement, followups only after it, refused once expired")
    void interactionTokens(LoopbackDiscord discord) throws IOException {
        // given an interaction the stand-in knows (not dispatched, so no deadline applies)
        OkHttpClient client = client(discord);
        LoopbackInteraction interaction = discord.slashCommand(discord.guild().prospect(0), "triage");
        String followups = "/webhooks/" + discord.applicationId() + "/" + interaction.token();
        String message = "{\"content\":\"more\",\"allowed_mentions\":{\"parse\":[]}}";

        // when it is followed up too early, acknowledged twice, followed up, then followed up after expiry
        Answer early = call(client, "POST", followups, message, null);
        Answer ack = call(client, "POST", interaction.callbackPath(), "{\"type\":5}", null);
        Answer secondAck = call(client, "POST", interaction.callbackPath(), "{\"type\":5}", null);
        Answer followup = call(client, "POST", followups, message, null);
        discord.expireInteractionTokens();
        Answer expired = call(client, "PATCH", followups + "/messages/@original", message, null);

        // then Discord's codes come back
        assertThat(early.body().path("code").asInt()).isEqualTo(10015);
        assertThat(ack.code()).isEqualTo(204);
        assertThat(secondAck.body().path("code").asInt()).isEqualTo(40060);
        assertThat(followup.code()).isEqualTo(200);
        assertThat(expired.code()).isEqualTo(401);
        assertThat(expired.body().path("code").asInt()).isEqualTo(50027);
    }
}
