package com.discoverytriage.discord.http;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.gateway.JavacordTransport;
import com.discoverytriage.discord.interaction.InteractionPayloads;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.discord.interaction.InteractionProperties;
import com.discoverytriage.discord.card.CardSender;
import com.discoverytriage.discord.card.DirectMessages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The bot's REST calls without a gateway connection, on the application's own JDK client and the bot token: what
 * an instance that does not hold the gateway needs to post and edit cards, send reminder DMs and register the
 * commands. Blocking, each call bounded by the callback client's request timeout; run off request threads.
 * Failures are thrown as {@link DiscordFailure}; the token never appears in a log line or a message.
 */
public final class DiscordRest implements CardSender, DirectMessages {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String USER_AGENT = "DiscordBot (https://github.com/discovery-triage, 1.0)";
    private static final int RECENT = 100;

    private final HttpClient client;
    private final InteractionProperties properties;
    private final String token;
    private volatile long applicationId;

    public DiscordRest(HttpClient client, InteractionProperties properties, String token) {
        this.client = client;
        this.properties = properties;
        this.token = token;
    }

    @Override
    public String post(long channelId, MessageSpec card, String nonce) {
        return call("POST", "/channels/" + Long.toUnsignedString(channelId) + "/messages",
                JavacordTransport.postBody(card, nonce)).path("id").asText();
    }

    @Override
    public void edit(long channelId, String messageId, MessageSpec card) {
        ObjectNode body = DiscordJson.message(card);
        if (!body.has("content")) {
            body.put("content", "");
        }
        call("PATCH", "/channels/" + Long.toUnsignedString(channelId) + "/messages/" + messageId, body);
    }

    @Override
    public Optional<String> findOwn(long channelId, String footer) {
        long me = applicationId();
        for (JsonNode m : call("GET", "/channels/" + Long.toUnsignedString(channelId) + "/messages?limit=" + RECENT, null)) {
            if (InteractionPayloads.snowflake(m.path("author").path("id")) != me) {
                continue;
            }
            for (JsonNode e : m.path("embeds")) {
                if (footer.equals(e.path("footer").path("text").asText(null))) {
                    return Optional.of(m.path("id").asText());
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public void send(long userId, MessageSpec message) {
        ObjectNode open = JSON.createObjectNode().put("recipient_id", Long.toUnsignedString(userId));
        String channel = call("POST", "/users/@me/channels", open).path("id").asText();
        call("POST", "/channels/" + channel + "/messages", DiscordJson.message(message));
    }

    /** A bulk overwrite of the commands, globally ({@code guildId} 0) or in one server. */
    public void putCommands(long guildId, JsonNode body) {
        String app = Long.toUnsignedString(applicationId());
        call("PUT", guildId == 0 ? "/applications/" + app + "/commands"
                : "/applications/" + app + "/guilds/" + Long.toUnsignedString(guildId) + "/commands", body);
    }

    /** The application's id ({@code GET /oauth2/applications/@me}), asked once; a bot's user id is the same. */
    long applicationId() {
        long id = applicationId;
        if (id == 0) {
            id = InteractionPayloads.snowflake(call("GET", "/oauth2/applications/@me", null).path("id"));
            applicationId = id;
        }
        return id;
    }

    private JsonNode call(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(properties.apiBase() + path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bot " + token)
                .header("User-Agent", USER_AGENT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DiscordFailure(0, 0, method + " failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscordFailure(0, 0, "interrupted");
        }
        JsonNode answer = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            Duration retryAfter = response.statusCode() == 429
                    ? InteractionCallbacks.retryAfter(answer, response) : null;
            throw new DiscordFailure(response.statusCode(), answer.path("code").asInt(0),
                    method + " " + route(path) + " failed", retryAfter);
        }
        return answer;
    }

    /** The path without ids, for messages. */
    private static String route(String path) {
        return path.replaceAll("\\d{5,}", "{id}").replaceAll("\\?.*", "");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
