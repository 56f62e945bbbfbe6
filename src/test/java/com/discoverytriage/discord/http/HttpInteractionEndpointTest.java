package com.discoverytriage.discord.http;

import com.discoverytriage.discord.interaction.Interaction;
import com.discoverytriage.discord.interaction.InteractionProperties;
import com.discoverytriage.discord.interaction.Responder;
import com.discoverytriage.discord.interaction.TriageInteractions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * The Interactions Endpoint URL against Discord's documented rules ("Interactions > Receiving and Responding"):
 * "Security and Authorization" (Ed25519 over {@code X-Signature-Timestamp} + raw body, hex in
 * {@code X-Signature-Ed25519}; an invalid signature must get 401, the portal checks it when the URL is saved),
 * "Receiving an Interaction" (PING, type 1, is answered with PONG, callback type 1) and "Responding to an
 * Interaction" (the answer is the HTTP response, with the callback types 4, 5, 6 and 9). The key pair is made here.
 */
@DisplayName("HTTP interactions: signatures, PING, the first answer in the response")
class HttpInteractionEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    private final KeyPair keys = keyPair();
    private final TriageInteractions interactions = mock(TriageInteractions.class);
    private final InteractionCallbacks callbacks = new InteractionCallbacks(HttpClient.newHttpClient(),
            new InteractionProperties(java.net.URI.create("http://127.0.0.1:9/api"), Duration.ofSeconds(1), 1,
                    Duration.ofMillis(500)));
    private final HttpInteractionEndpoint endpoint = new HttpInteractionEndpoint(
            new HttpInteractionProperties(publicKeyHex(keys), "/discord/interactions", DataSize.ofKilobytes(8),
                    Duration.ofMinutes(5), Duration.ofMillis(500)),
            interactions, callbacks, 0, Clock.fixed(NOW, ZoneOffset.UTC));

    private static final String BUTTON = """
            {"id":"1300000000000000001","application_id":"1300000000000000002","type":3,"token":"t-1","version":1,
             "guild_id":"1300000000000000003","channel_id":"1300000000000000004",
             "member":{"permissions":"3072","roles":[],"user":{"id":"1300000000000000005","username":"ada","global_name":"Ada"}},
             "data":{"custom_id":"x","component_type":2}}""";

    @Test
    @DisplayName("PING with a good signature: PONG (callback type 1), nothing handled")
    void pingGetsPong() throws Exception {
        MockHttpServletResponse response = post("{\"id\":\"1\",\"application_id\":\"2\",\"type\":1,\"token\":\"t\",\"version\":1}",
                timestamp(NOW), true);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(response.getContentAsByteArray()).path("type").asInt()).isEqualTo(1);
        verify(interactions, never()).handle(any(), any());
    }

    @Test
    @DisplayName("a good signature on a click: handled once, and its first answer (deferred update, type 6) is the response")
    void goodSignatureIsHandledAndAnsweredInTheResponse() throws Exception {
        AtomicReference<Interaction> seen = new AtomicReference<>();
        when(interactions.handle(any(), any())).thenAnswer(call -> {
            seen.set(call.getArgument(0));
            ((Responder) call.getArgument(1)).deferUpdate();
            return true;
        });

        MockHttpServletResponse response = post(BUTTON, timestamp(NOW), true);

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(response.getContentType()).startsWith("application/json");
        assertThat(JSON.readTree(response.getContentAsByteArray()).path("type").asInt()).isEqualTo(6);
        assertThat(seen.get().kind()).isEqualTo(Interaction.Kind.BUTTON);
        assertThat(seen.get().userId()).isEqualTo(1300000000000000005L);
        assertThat(seen.get().displayName()).isEqualTo("Ada");
    }

    @Test
    @DisplayName("a signature made with another key: 401, nothing handled")
    void badSignatureIs401() throws Exception {
        KeyPair other = keyPair();
        byte[] body = BUTTON.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = request(body);
        request.addHeader("X-Signature-Timestamp", timestamp(NOW));
        request.addHeader("X-Signature-Ed25519", sign(other, timestamp(NOW), body));

        assertThat(send(request).getStatus()).isEqualTo(401);
        verify(interactions, never()).handle(any(), any());
    }

    @Test
    @DisplayName("a good signature over a different body (one byte changed): 401")
    void tamperedBodyIs401() throws Exception {
        byte[] body = BUTTON.getBytes(StandardCharsets.UTF_8);
        String signature = sign(keys, timestamp(NOW), body);
        byte[] tampered = BUTTON.replace("\"x\"", "\"y\"").getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = request(tampered);
        request.addHeader("X-Signature-Timestamp", timestamp(NOW));
        request.addHeader("X-Signature-Ed25519", signature);

        assertThat(send(request).getStatus()).isEqualTo(401);
        verify(interactions, never()).handle(any(), any());
    }

    @Test
    @DisplayName("no signature headers at all, or a signature that is not hex: 401")
    void missingSignatureIs401() throws Exception {
        MockHttpServletRequest none = request(BUTTON.getBytes(StandardCharsets.UTF_8));
        assertThat(send(none).getStatus()).isEqualTo(401);

        MockHttpServletRequest garbage = request(BUTTON.getBytes(StandardCharsets.UTF_8));
        garbage.addHeader("X-Signature-Timestamp", timestamp(NOW));
        garbage.addHeader("X-Signature-Ed25519", "not-a-signature");
        assertThat(send(garbage).getStatus()).isEqualTo(401);
        verify(interactions, never()).handle(any(), any());
    }

    @Test
    @DisplayName("a correctly signed request whose timestamp is older than max-age (a replay): 401")
    void staleTimestampIs401() throws Exception {
        MockHttpServletResponse response = post(BUTTON, timestamp(NOW.minus(Duration.ofMinutes(6))), true);

        assertThat(response.getStatus()).isEqualTo(401);
        verify(interactions, never()).handle(any(), any());
    }

    @Test
    @DisplayName("a body over max-body: 413 before any signature work")
    void oversizedBodyIs413() throws Exception {
        byte[] big = new byte[9 * 1024];
        Arrays.fill(big, (byte) ' ');
        MockHttpServletRequest request = request(big);
        request.addHeader("X-Signature-Timestamp", timestamp(NOW));
        request.addHeader("X-Signature-Ed25519", sign(keys, timestamp(NOW), big));

        assertThat(send(request).getStatus()).isEqualTo(413);
    }

    @Test
    @DisplayName("signed, but not an interaction object: 400")
    void notAnInteractionIs400() throws Exception {
        assertThat(post("[1,2,3]", timestamp(NOW), true).getStatus()).isEqualTo(400);
    }

    @Test
    @DisplayName("a handler that stays silent (a repeat seen here before): a deferred answer of the right type, at once")
    void silentHandlerGetsDeferredAnswer() throws Exception {
        when(interactions.handle(any(), any())).thenReturn(false);

        MockHttpServletResponse response = post(BUTTON, timestamp(NOW), true);

        assertThat(JSON.readTree(response.getContentAsByteArray()).path("type").asInt()).isEqualTo(6);
    }

    @Test
    @DisplayName("a handler too slow for answer-within: a deferred answer goes out, and its late deferral counts as done")
    void lateAcknowledgementAfterTheDeferredAnswer() throws Exception {
        AtomicReference<java.util.concurrent.CompletableFuture<Void>> late = new AtomicReference<>();
        java.util.concurrent.CountDownLatch acked = new java.util.concurrent.CountDownLatch(1);
        when(interactions.handle(any(), any())).thenAnswer(call -> {
            Responder r = call.getArgument(1);
            new Thread(() -> {
                try {
                    Thread.sleep(800);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                late.set(r.deferUpdate());
                acked.countDown();
            }).start();
            return true;
        });

        MockHttpServletResponse response = post(BUTTON, timestamp(NOW), true);

        assertThat(JSON.readTree(response.getContentAsByteArray()).path("type").asInt()).isEqualTo(6);
        acked.await();
        assertThat(late.get()).succeedsWithin(Duration.ofSeconds(1));
    }

    @Test
    @DisplayName("given no public key, when anything is posted to the path, then 404 as for any unknown path, "
            + "nothing handled (the bean exists: the image's build-time bean definitions know no key)")
    void withoutPublicKeyThePathIsNotFound() throws Exception {
        HttpInteractionEndpoint off = new HttpInteractionEndpoint(
                new HttpInteractionProperties("", "/discord/interactions", DataSize.ofKilobytes(8),
                        Duration.ofMinutes(5), Duration.ofMillis(500)),
                interactions, callbacks, 0, Clock.fixed(NOW, ZoneOffset.UTC));
        byte[] body = BUTTON.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = request(body);
        request.addHeader("X-Signature-Timestamp", timestamp(NOW));
        request.addHeader("X-Signature-Ed25519", sign(keys, timestamp(NOW), body));
        MockHttpServletResponse response = new MockHttpServletResponse();

        off.receive(request, response);

        assertThat(response.getStatus()).isEqualTo(404);
        verify(interactions, never()).handle(any(), any());
    }

    @Test
    @DisplayName("a public key that is not 64 hex characters stops start-up with the setting's name and the fix")
    void badPublicKeyIsRefused() {
        assertThatThrownBy(() -> new HttpInteractionProperties("abc", "/discord/interactions",
                DataSize.ofKilobytes(8), Duration.ofMinutes(5), Duration.ofMillis(500)))
                .hasMessageContaining("DISCORD_PUBLIC_KEY").hasMessageContaining("64 hex");
    }

    private MockHttpServletResponse post(String body, String timestamp, boolean signed) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = request(bytes);
        request.addHeader("X-Signature-Timestamp", timestamp);
        if (signed) {
            request.addHeader("X-Signature-Ed25519", sign(keys, timestamp, bytes));
        }
        return send(request);
    }

    private static MockHttpServletRequest request(byte[] body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/discord/interactions");
        request.setContentType("application/json");
        request.setContent(body);
        return request;
    }

    private MockHttpServletResponse send(MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        endpoint.receive(request, response);
        return response;
    }

    static String timestamp(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    static KeyPair keyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String publicKeyHex(KeyPair keys) {
        byte[] encoded = keys.getPublic().getEncoded();
        return HexFormat.of().formatHex(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    static String sign(KeyPair keys, String timestamp, byte[] body) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(timestamp.getBytes(StandardCharsets.UTF_8));
            signer.update(body);
            return HexFormat.of().formatHex(signer.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

}
