package com.discoverytriage.discord.http;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.interaction.InteractionProperties;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The interaction callback client")
class InteractionCallbacksTest {

    private final MockWebServer server = new MockWebServer();
    private InteractionCallbacks callbacks;

    @BeforeEach
    void start() throws Exception {
        server.start();
        URI base = URI.create(server.url("/api/v10").toString());
        callbacks = new InteractionCallbacks(InteractionCallbacks.client(List.of()),
                new InteractionProperties(base, Duration.ofSeconds(5), 4, Duration.ofMillis(2500)));
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private static MockResponse error(int status, int code) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json")
                .setBody("{\"message\":\"x\",\"code\":" + code + "}");
    }

    private void defer() {
        callbacks.callback(42, "tok", DiscordJson.callback(6, null)).orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    @DisplayName("a callback is POSTed to /interactions/{id}/{token}/callback without a bot token")
    void callbackSent() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(204));
        defer();
        RecordedRequest request = server.takeRequest();
        assertThat(request.getMethod()).isEqualTo("POST");
        assertThat(request.getPath()).isEqualTo("/api/v10/interactions/42/tok/callback");
        assertThat(request.getHeader("Authorization")).isNull();
        assertThat(request.getBody().readUtf8()).isEqualTo("{\"type\":6}");
    }

    @Test
    @DisplayName("a 429 is retried after retry_after; a 500 after a short pause")
    void retries() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(429).setBody("{\"retry_after\":0.3,\"global\":false}"));
        server.enqueue(error(500, 0));
        server.enqueue(new MockResponse().setResponseCode(204));
        long start = System.nanoTime();
        defer();
        assertThat(server.getRequestCount()).isEqualTo(3);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    @DisplayName("a retried callback answered 40060 (already acknowledged) counts as delivered")
    void alreadyAcknowledgedAfterRetry() {
        server.enqueue(error(502, 0));
        server.enqueue(error(400, InteractionCallbacks.ALREADY_ACKNOWLEDGED));
        defer();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("other 4xx fail at once with Discord's status and code; a callback is not retried past its budget")
    void failures() {
        server.enqueue(error(404, DiscordFailure.UNKNOWN_INTERACTION));
        assertThatThrownBy(this::defer).isInstanceOf(java.util.concurrent.CompletionException.class)
                .satisfies(t -> assertThat(DiscordFailure.of(t).interactionExpired()).isTrue());
        server.enqueue(new MockResponse().setResponseCode(429).setBody("{\"retry_after\":5}"));
        assertThatThrownBy(this::defer).satisfies(t -> assertThat(DiscordFailure.of(t).status()).isEqualTo(429));
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("a file is attached to @original as multipart/form-data: payload_json naming attachment 0, then files[0]")
    void fileAttached() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(500));
        server.enqueue(new MockResponse().setResponseCode(200).setBody("{}"));
        byte[] csv = "\uFEFFtriage_id,name\r\nt-1,Zoë\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        callbacks.editOriginalWithFile(7, "tok", DiscordJson.message(ProspectRenderer.note("1 triage")), "triages-a-b.csv",
                "text/csv; charset=utf-8", csv).orTimeout(10, TimeUnit.SECONDS).join();
        server.takeRequest();
        RecordedRequest request = server.takeRequest(); // the retry sends the same body
        assertThat(request.getMethod()).isEqualTo("PATCH");
        assertThat(request.getPath()).isEqualTo("/api/v10/webhooks/7/tok/messages/@original");
        String type = request.getHeader("Content-Type");
        assertThat(type).startsWith("multipart/form-data; boundary=");
        String boundary = type.substring(type.indexOf("boundary=") + 9);
        byte[] body = request.getBody().readByteArray();
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).startsWith("--" + boundary + "\r\n").endsWith("\r\n--" + boundary + "--\r\n");
        assertThat(text).contains("Content-Disposition: form-data; name=\"payload_json\"")
                .contains("\"attachments\":[{\"id\":\"0\",\"filename\":\"triages-a-b.csv\"}]")
                .contains("Content-Disposition: form-data; name=\"files[0]\"; filename=\"triages-a-b.csv\"")
                .contains("Content-Type: text/csv; charset=utf-8\r\n\r\n\uFEFFtriage_id,name\r\nt-1,Zoë\r\n\r\n--");
    }

    /**
     * Documentation: interactions/receiving-and-responding ("Responding to an Interaction": the initial response must
     * be sent within 3 seconds). A callback whose answer never comes is abandoned in time to be sent again.
     */
    @Test
    @DisplayName("a hung callback is given up within its budget and sent again, with the default request timeout")
    void hungCallbackRetriedInTime() {
        // given the production defaults (a 10 s request timeout, a 2.5 s callback budget), and Discord not answering
        // the first attempt at all
        URI base = URI.create(server.url("/api/v10").toString());
        InteractionCallbacks defaults = new InteractionCallbacks(InteractionCallbacks.client(List.of()),
                new InteractionProperties(base, Duration.ofSeconds(10), 4, Duration.ofMillis(2500)));
        server.enqueue(new MockResponse().setSocketPolicy(okhttp3.mockwebserver.SocketPolicy.NO_RESPONSE));
        server.enqueue(new MockResponse().setResponseCode(204));

        // when the callback is sent, then it is delivered by the second attempt
        defaults.callback(42, "tok", DiscordJson.callback(6, null)).orTimeout(6, TimeUnit.SECONDS).join();
        assertThat(server.getRequestCount()).isEqualTo(2);
    }
}
