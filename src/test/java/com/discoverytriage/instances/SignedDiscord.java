package com.discoverytriage.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Discord's side of the Interactions Endpoint URL, as its documentation describes it ("Interactions > Receiving and
 * Responding"): an Interaction Object POSTed as JSON, signed with the application's Ed25519 key over
 * {@code X-Signature-Timestamp} (unix seconds) followed by the raw body, the hex signature in
 * {@code X-Signature-Ed25519}. The key pair is made here, in the test; the application gets the public half as 64
 * hex characters, as the developer portal shows it.
 */
final class SignedDiscord {

    static final long GUILD = 1_100_000_000_000_000_001L;
    static final long CHANNEL = 1_100_000_000_000_000_002L;
    static final long SUMMARY_CHANNEL = 1_100_000_000_000_000_003L;
    /** Manage Server (1 << 5), as a consultant's computed permissions. */
    static final String CONSULTANT_PERMISSIONS = Long.toString(1L << 5);
    static final String MEMBER_PERMISSIONS = Long.toString((1L << 10) | (1L << 11));

    private final KeyPair keys;
    final long applicationId;
    private final AtomicLong ids = new AtomicLong(1_200_000_000_000_000_000L);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    SignedDiscord(long applicationId) {
        this.applicationId = applicationId;
        try {
            keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw 32-byte public key in hex: the last 32 bytes of its X.509 encoding. */
    String publicKeyHex() {
        byte[] encoded = keys.getPublic().getEncoded();
        return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    String sign(String timestamp, byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            return HexFormat.of().formatHex(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String now() {
        return Long.toString(System.currentTimeMillis() / 1000);
    }

    /** An interaction, ready to send: id and token are new. */
    ObjectNode interaction(int type, long userId, String name, boolean consultant) {
        ObjectNode i = FakeDiscordApi.JSON.createObjectNode();
        i.put("id", Long.toString(ids.incrementAndGet()));
        i.put("application_id", Long.toString(applicationId));
        i.put("type", type);
        i.put("token", "tok-" + UUID.randomUUID());
        i.put("version", 1);
        i.put("guild_id", Long.toString(GUILD));
        i.put("channel_id", Long.toString(CHANNEL));
        ObjectNode member = i.putObject("member");
        member.put("permissions", consultant ? CONSULTANT_PERMISSIONS : MEMBER_PERMISSIONS);
        member.putArray("roles");
        ObjectNode user = member.putObject("user");
        user.put("id", Long.toString(userId));
        user.put("username", name.toLowerCase().replace(' ', '_'));
        user.put("global_name", name);
        return i;
    }

    ObjectNode command(long userId, String name, String command, Map<String, String> options) {
        ObjectNode i = interaction(2, userId, name, false);
        ObjectNode data = i.putObject("data");
        data.put("id", "1");
        data.put("name", command);
        data.put("type", 1);
        ArrayNode list = data.putArray("options");
        options.forEach((k, v) -> list.addObject().put("name", k).put("type", 3).put("value", v));
        return i;
    }

    ObjectNode button(long userId, String name, String customId) {
        ObjectNode i = interaction(3, userId, name, false);
        i.putObject("data").put("custom_id", customId).put("component_type", 2);
        i.putObject("message").put("id", "1").put("flags", 64);
        return i;
    }

    ObjectNode modalSubmit(long userId, String name, String modalId, String inputId, String value) {
        ObjectNode i = interaction(5, userId, name, false);
        ObjectNode data = i.putObject("data");
        data.put("custom_id", modalId);
        data.putArray("components").addObject().put("type", 1).putArray("components").addObject()
                .put("type", 4).put("custom_id", inputId).put("value", value);
        return i;
    }

    record Answer(int status, JsonNode body, long nanos) {
    }

    /** Signs {@code interaction} now and POSTs it to {@code url}. */
    Answer send(String url, JsonNode interaction) throws IOException, InterruptedException {
        byte[] body = interaction.toString().getBytes(StandardCharsets.UTF_8);
        String timestamp = now();
        return post(url, body, timestamp, sign(timestamp, body));
    }

    Answer post(String url, byte[] body, String timestamp, String signature) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (timestamp != null) {
            request.header("X-Signature-Timestamp", timestamp);
        }
        if (signature != null) {
            request.header("X-Signature-Ed25519", signature);
        }
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - start;
        JsonNode json = response.body().startsWith("{") ? FakeDiscordApi.JSON.readTree(response.body())
                : FakeDiscordApi.JSON.createObjectNode().put("text", response.body());
        return new Answer(response.statusCode(), json, took);
    }
}
