package com.discoverytriage.loopback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The stand-in follows Discord's documented rules, not the adapter's assumptions. Each test names the page and
 * section of Discord's documentation (discord-api-docs) that it follows.
 */
@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("The loopback Discord as an oracle: each rule as Discord's documentation states it")
class StandInOracleTest {

    private static final MediaType JSON = MediaType.get("application/json");

    private static OkHttpClient client(LoopbackDiscord discord) {
        return new OkHttpClient.Builder()
                .proxySelector(discord.proxySelector())
                .sslSocketFactory(LoopbackDiscord.clientTrust().sslSocketFactory(),
                        LoopbackDiscord.clientTrust().trustManager())
                .callTimeout(Duration.ofSeconds(10))
                .build();
    }

    private record Answer(int code, JsonNode body, okhttp3.Headers headers) {
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
            return new Answer(response.code(), text.isEmpty() ? Payloads.object() : Payloads.parse(text),
                    response.headers());
        }
    }

    private static String message(String content) {
        return "{\"content\":\"" + content + "\",\"allowed_mentions\":{\"parse\":[]}}";
    }

    @Test
    @DisplayName("resources/message, Get Channel Messages / Get Channel Message: Read Message History decides")
    void readMessageHistory(LoopbackDiscord discord) throws IOException {
        OkHttpClient client = client(discord);
        long summary = discord.guild().summaryChannelId();
        String path = "/channels/" + summary + "/messages";
        Answer posted = call(client, "POST", path, message("card"), discord.token());
        assertThat(posted.code()).isEqualTo(200);

        // when the bot loses Read Message History there
        discord.setBotOverwrite(summary, LoopbackGuild.VIEW_CHANNEL | LoopbackGuild.SEND_MESSAGES,
                LoopbackGuild.READ_MESSAGE_HISTORY);

        // then listing returns no messages, and fetching one is refused; editing its own message still works
        Answer listed = call(client, "GET", path + "?limit=100", null, discord.token());
        assertThat(listed.code()).isEqualTo(200);
        assertThat(listed.body()).isEmpty();
        String id = posted.body().path("id").asText();
        assertThat(call(client, "GET", path + "/" + id, null, discord.token()).code()).isEqualTo(403);
        assertThat(call(client, "PATCH", path + "/" + id, message("edited"), discord.token()).code()).isEqualTo(200);

        // and without View Channel nothing at all (50001 Missing Access), without Send Messages no post (50013)
        discord.setBotOverwrite(summary, 0, LoopbackGuild.VIEW_CHANNEL);
        assertThat(call(client, "GET", path, null, discord.token()).body().path("code").asInt()).isEqualTo(50001);
        discord.setBotOverwrite(summary, LoopbackGuild.VIEW_CHANNEL, LoopbackGuild.SEND_MESSAGES);
        assertThat(call(client, "POST", path, message("x"), discord.token()).body().path("code").asInt())
                .isEqualTo(50013);
    }

    @Test
    @DisplayName("topics/permissions, Permission Overwrites: @everyone, then roles, then the member")
    void permissionOverwrites(LoopbackDiscord discord) {
        JsonNode guild = Payloads.guildCreate(discord.guild());
        long bot = discord.guild().bot().id();
        long consultant = discord.guild().consultant().id();
        // the summary channel denies @everyone View Channel and allows it to the bot's own overwrite
        assertThat(ChannelPermissions.of(guild, bot, discord.guild().summaryChannelId())
                & LoopbackGuild.VIEW_CHANNEL).isNotZero();
        // a prospect (no role overwrite) cannot see it; the base permissions apply in the public channel
        JsonNode withProspect = guild.deepCopy();
        ((com.fasterxml.jackson.databind.node.ArrayNode) withProspect.get("members"))
                .add(Payloads.member(discord.guild(), discord.guild().prospect(0), true));
        assertThat(ChannelPermissions.of(withProspect, discord.guild().prospect(0).id(),
                discord.guild().summaryChannelId()) & LoopbackGuild.VIEW_CHANNEL).isZero();
        assertThat(ChannelPermissions.of(withProspect, discord.guild().prospect(0).id(),
                discord.guild().publicChannelId()) & LoopbackGuild.VIEW_CHANNEL).isNotZero();
        assertThat(consultant).isNotEqualTo(bot);
    }

    @Test
    @DisplayName("resources/message, Message Flags (EPHEMERAL): an ephemeral reply is not listed in the channel")
    void ephemeralNotListed(LoopbackDiscord discord) throws IOException {
        OkHttpClient client = client(discord);
        LoopbackInteraction command = discord.slashCommand(discord.guild().prospect(0), "triage");
        assertThat(call(client, "POST", command.callbackPath(),
                "{\"type\":4,\"data\":{\"content\":\"only you\",\"flags\":64,\"allowed_mentions\":{\"parse\":[]}}}",
                null).code()).isEqualTo(204);

        Answer listed = call(client, "GET", "/channels/" + discord.guild().publicChannelId() + "/messages", null,
                discord.token());

        assertThat(listed.body()).noneSatisfy(m -> assertThat(m.path("content").asText()).isEqualTo("only you"));
    }

    @Test
    @DisplayName("interactions/receiving-and-responding, Interaction Callback Type: the type must fit the interaction")
    void callbackTypePerInteraction(LoopbackDiscord discord) throws IOException {
        discord.checkContractAfterTest(false); // the wrong callbacks are this test's subject
        OkHttpClient client = client(discord);
        LoopbackUser prospect = discord.guild().prospect(0);
        // a deferred update (6) answers a component only, never a command; the error is 50035, not 40004
        // (40004 is "Send messages has been temporarily disabled", topics/opcodes-and-status-codes)
        LoopbackInteraction command = discord.slashCommand(prospect, "triage");
        Answer refused = call(client, "POST", command.callbackPath(), "{\"type\":6}", null);
        assertThat(refused.code()).isEqualTo(400);
        assertThat(refused.body().path("code").asInt()).isEqualTo(50035);
        // a modal submit cannot open another modal
        LoopbackInteraction submit = discord.modalSubmit(prospect, "m", Map.of("t", "x"), false);
        assertThat(call(client, "POST", submit.callbackPath(),
                "{\"type\":9,\"data\":{\"custom_id\":\"n\",\"title\":\"t\",\"components\":[]}}", null).code())
                .isEqualTo(400);
        // a modal submit not from a message cannot update one (6), but may answer with a message (4)
        assertThat(call(client, "POST", submit.callbackPath(), "{\"type\":6}", null).code()).isEqualTo(400);
        assertThat(call(client, "POST", submit.callbackPath(),
                "{\"type\":4,\"data\":{\"content\":\"ok\",\"allowed_mentions\":{\"parse\":[]}}}", null)
                .code()).isEqualTo(204);
        // PONG answers a PING only
        assertThat(RestStandIn.callbackTypeAllowed(1, 1, false)).isTrue();
        assertThat(RestStandIn.callbackTypeAllowed(2, 1, false)).isFalse();
    }

    @Test
    @DisplayName("resources/message, Create Message (enforce_nonce): one message per nonce and author for a few minutes")
    void nonceWindow(LoopbackDiscord discord) throws Exception {
        OkHttpClient client = client(discord);
        String path = "/channels/" + discord.guild().summaryChannelId() + "/messages";
        String body = "{\"content\":\"card\",\"nonce\":\"n-1\",\"enforce_nonce\":true,\"allowed_mentions\":{\"parse\":[]}}";
        discord.nonceWindow(Duration.ofMillis(400));

        String first = call(client, "POST", path, body, discord.token()).body().path("id").asText();
        String again = call(client, "POST", path, body, discord.token()).body().path("id").asText();
        Thread.sleep(500);
        String later = call(client, "POST", path, body, discord.token()).body().path("id").asText();

        assertThat(again).isEqualTo(first);
        assertThat(later).as("after the window a second message is created").isNotEqualTo(first);
    }

    @Test
    @DisplayName("topics/rate-limits, Global Rate Limit: all bot-token routes share one limit; interaction routes do not")
    void globalLimit(LoopbackDiscord discord) throws IOException {
        OkHttpClient client = client(discord);
        discord.globalRateLimit(3, Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            String route = i % 2 == 0 ? "/users/@me" : "/channels/" + discord.guild().publicChannelId() + "/messages";
            assertThat(call(client, "GET", route, null, discord.token()).code()).isEqualTo(200);
        }
        Answer limited = call(client, "GET", "/gateway/bot", null, discord.token());
        assertThat(limited.code()).isEqualTo(429);
        assertThat(limited.body().path("global").asBoolean()).isTrue();
        assertThat(limited.headers().get("X-RateLimit-Global")).isEqualTo("true");
        LoopbackInteraction command = discord.slashCommand(discord.guild().prospect(0), "triage");
        assertThat(call(client, "POST", command.callbackPath(), "{\"type\":5}", null).code()).isEqualTo(204);
    }

    @Test
    @DisplayName("topics/rate-limits, Per-route rate limits: each channel has its own bucket for the same route")
    void givenOneChannelExhausted_whenPostingInAnother_thenItHasItsOwnBucket(LoopbackDiscord discord)
            throws IOException {
        OkHttpClient client = client(discord);
        String summary = "/channels/" + discord.guild().summaryChannelId() + "/messages";
        String general = "/channels/" + discord.guild().publicChannelId() + "/messages";
        Answer first = call(client, "POST", summary, message("one"), discord.token());
        // Discord commonly reports 5 message creates per 5 s in a channel
        assertThat(first.headers().get("X-RateLimit-Limit")).isEqualTo("5");

        discord.routeRateLimit("POST", "/channels/{channel}/messages", 2, Duration.ofSeconds(30));
        assertThat(call(client, "POST", summary, message("a"), discord.token()).code()).isEqualTo(200);
        assertThat(call(client, "POST", summary, message("b"), discord.token()).code()).isEqualTo(200);
        Answer refused = call(client, "POST", summary, message("c"), discord.token());
        Answer elsewhere = call(client, "POST", general, message("d"), discord.token());

        assertThat(refused.code()).isEqualTo(429);
        assertThat(elsewhere.code()).isEqualTo(200);
        assertThat(elsewhere.headers().get("X-RateLimit-Remaining")).isEqualTo("1");
        // the bucket hash names the route, not the channel ("non-inclusive of top-level resources")
        assertThat(elsewhere.headers().get("X-RateLimit-Bucket")).isEqualTo(refused.headers().get("X-RateLimit-Bucket"));
        // and another route in the same channel is not affected
        assertThat(call(client, "GET", summary, null, discord.token()).code()).isEqualTo(200);
    }

    @Test
    @DisplayName("topics/rate-limits, Per-route rate limits: a webhook's bucket is its id and token (each interaction's own)")
    void givenOneInteractionsFollowUpsExhausted_whenAnotherFollowsUp_thenItHasItsOwnBucket(LoopbackDiscord discord)
            throws IOException {
        OkHttpClient client = client(discord);
        LoopbackInteraction first = discord.slashCommand(discord.guild().prospect(0), "triage");
        LoopbackInteraction second = discord.slashCommand(discord.guild().prospect(1), "triage");
        assertThat(call(client, "POST", first.callbackPath(), "{\"type\":5}", null).code()).isEqualTo(204);
        assertThat(call(client, "POST", second.callbackPath(), "{\"type\":5}", null).code()).isEqualTo(204);
        discord.routeRateLimit("POST", "/webhooks/{app}/{token}", 1, Duration.ofSeconds(30));
        String app = Long.toUnsignedString(discord.applicationId());

        assertThat(call(client, "POST", "/webhooks/" + app + "/" + first.token(), message("a"), null).code())
                .isEqualTo(200);
        assertThat(call(client, "POST", "/webhooks/" + app + "/" + first.token(), message("b"), null).code())
                .isEqualTo(429);
        assertThat(call(client, "POST", "/webhooks/" + app + "/" + second.token(), message("c"), null).code())
                .as("the same application id, another token").isEqualTo(200);
    }

    @Test
    @DisplayName("topics/rate-limits, Header Format / Exceeding A Rate Limit: a 429 with the route's headers, scope user")
    void givenAnEmptyBucket_whenPosting_then429WithTheDocumentedHeadersAndBody(LoopbackDiscord discord)
            throws IOException {
        OkHttpClient client = client(discord);
        String path = "/channels/" + discord.guild().summaryChannelId() + "/messages";
        discord.routeRateLimit("POST", "/channels/{channel}/messages", 2, Duration.ofSeconds(30));
        Answer accepted = call(client, "POST", path, message("a"), discord.token());
        call(client, "POST", path, message("b"), discord.token());

        Answer refused = call(client, "POST", path, message("c"), discord.token());

        assertThat(accepted.headers().get("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(accepted.headers().get("X-RateLimit-Remaining")).isEqualTo("1");
        assertThat(accepted.headers().get("X-RateLimit-Scope")).as("only on 429").isNull();
        assertThat(refused.code()).isEqualTo(429);
        assertThat(refused.body().path("message").asText()).isNotBlank();
        assertThat(refused.body().path("global").isBoolean()).isTrue();
        assertThat(refused.body().path("global").asBoolean()).isFalse();
        double retryAfter = refused.body().path("retry_after").asDouble();
        assertThat(retryAfter).isGreaterThan(0).isLessThanOrEqualTo(30);
        assertThat(refused.headers().get("X-RateLimit-Scope")).isEqualTo("user");
        assertThat(refused.headers().get("X-RateLimit-Global")).isNull();
        assertThat(refused.headers().get("X-RateLimit-Limit")).isEqualTo("2");
        assertThat(refused.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
        assertThat(refused.headers().get("X-RateLimit-Bucket")).isEqualTo(accepted.headers().get("X-RateLimit-Bucket"));
        assertThat(Double.parseDouble(refused.headers().get("X-RateLimit-Reset-After")))
                .isGreaterThan(0).isLessThanOrEqualTo(30);
        double resetAt = Double.parseDouble(refused.headers().get("X-RateLimit-Reset"));
        assertThat(resetAt).isGreaterThan(System.currentTimeMillis() / 1000.0);
        assertThat(Long.parseLong(refused.headers().get("Retry-After"))).isEqualTo((long) Math.ceil(retryAfter));
        // and the refused message was not created
        assertThat(discord.messagesIn(discord.guild().summaryChannelId()))
                .noneSatisfy(m -> assertThat(m.path("content").asText()).isEqualTo("c"));
    }

    @Test
    @DisplayName("topics/rate-limits, Header Format (X-RateLimit-Reset-After): the bucket is full again after the reset")
    void givenAnEmptyBucket_whenItsResetHasPassed_thenRequestsAreAcceptedAgain(LoopbackDiscord discord)
            throws Exception {
        OkHttpClient client = client(discord);
        String path = "/channels/" + discord.guild().summaryChannelId() + "/messages";
        // a connection first, so the window below is not spent on the TLS handshake
        call(client, "GET", "/users/@me", null, discord.token());
        discord.routeRateLimit("POST", "/channels/{channel}/messages", 1, Duration.ofSeconds(2));
        assertThat(call(client, "POST", path, message("a"), discord.token()).code()).isEqualTo(200);
        Answer refused = call(client, "POST", path, message("b"), discord.token());
        assertThat(refused.code()).isEqualTo(429);

        Thread.sleep((long) (Double.parseDouble(refused.headers().get("X-RateLimit-Reset-After")) * 1000) + 100);
        Answer again = call(client, "POST", path, message("c"), discord.token());

        assertThat(again.code()).isEqualTo(200);
        assertThat(again.headers().get("X-RateLimit-Remaining")).isEqualTo("0");
    }

    @Test
    @DisplayName("topics/gateway, Ready / Resuming / Session Start Limit; Guild Create without GUILD_MEMBERS")
    void gatewayFacts(LoopbackDiscord discord) throws Exception {
        // given a client connected to the stand-in
        org.javacord.api.DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord),
                Duration.ofSeconds(20));
        JsonNode ready = discord.frames().stream().filter(f -> "READY".equals(f.type())).findFirst().orElseThrow()
                .data();
        JsonNode guildCreate = discord.frames().stream().filter(f -> "GUILD_CREATE".equals(f.type())).findFirst()
                .orElseThrow().data();

        // then the resume URL is not the gateway URL, the members are the bot alone, the owner is someone else
        assertThat(ready.path("resume_gateway_url").asText()).isNotEqualTo(discord.gatewayUrl());
        assertThat(guildCreate.path("members")).hasSize(1);
        assertThat(guildCreate.path("owner_id").asLong()).isNotEqualTo(discord.guild().consultant().id());
        // and a RESUME goes through the resume URL
        long at = System.nanoTime();
        discord.closeGateway(4000);
        discord.awaitFrameFromClient(6, at, Duration.ofSeconds(20));
        assertThat(discord.gatewayConnectionHosts()).last().asString()
                .isEqualTo(discord.resumeGatewayUrl().substring("ws://".length()));
        // and GET /gateway/bot counts the session starts
        JsonNode bot = call(client(discord), "GET", "/gateway/bot", null, discord.token()).body();
        assertThat(bot.path("session_start_limit").path("remaining").asInt()).isEqualTo(1000 - discord.identifyCount());
        assertThat(discord.identifyCount()).isEqualTo(1);
        assertThat(api.getYourself().getId()).isEqualTo(discord.guild().bot().id());
    }

    @Test
    @DisplayName("resources/user, User Object: global_name is the display name, distinct from the username")
    void globalName(LoopbackDiscord discord) {
        JsonNode user = Payloads.user(discord.guild().prospect(0));
        assertThat(user.path("global_name").asText()).isEqualTo("Prospect One").isNotEqualTo(user.path("username").asText());
        assertThat(Payloads.member(discord.guild(), discord.addUser("x_y", "X Y", "Nick"), true).path("nick").asText())
                .isEqualTo("Nick");
    }

    @Test
    @DisplayName("topics/threads: an interaction can come from a private thread the bot never saw")
    void unseenThread(LoopbackDiscord discord) {
        long thread = discord.unseenPrivateThread();
        LoopbackInteraction command = discord.slashCommandIn(thread, discord.guild().prospect(0), "triage");
        assertThat(command.payload().path("channel").path("type").asInt()).isEqualTo(12);
        assertThat(command.payload().path("guild_id").asText()).isEqualTo(Long.toUnsignedString(discord.guild().id()));
        assertThat(Payloads.guildCreate(discord.guild()).path("channels"))
                .noneSatisfy(c -> assertThat(c.path("id").asLong()).isEqualTo(thread));
    }
}
