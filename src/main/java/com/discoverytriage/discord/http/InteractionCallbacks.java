package com.discoverytriage.discord.http;

import com.discoverytriage.discord.DiscordFailure;

import com.discoverytriage.discord.interaction.InteractionProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends interaction callbacks, {@code @original} edits and followups with the application's own HTTP client, each
 * request on its own. Javacord 3.8 queues every interaction callback of the bot in one rate-limit bucket and works
 * it one request at a time, so one slow answer from Discord made other prospects miss the 3-second deadline. These
 * routes are authorised by the interaction token in the path and need no bot token.
 *
 * <p>A 429 is waited out per {@code retry_after}; a 5xx or no answer is retried after a short pause; a callback is
 * not retried past its budget (the interaction would be gone anyway), and a retried callback answered 40060 (already
 * acknowledged) counts as delivered. Tokens never appear in logs.
 */
public final class InteractionCallbacks {

    private static final Logger log = LoggerFactory.getLogger(InteractionCallbacks.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int ALREADY_ACKNOWLEDGED = 40060;
    private static final String USER_AGENT = "DiscordBot (https://github.com/discovery-triage, 1.0)";

    private final HttpClient client;
    private final InteractionProperties properties;

    public InteractionCallbacks(HttpClient client, InteractionProperties properties) {
        this.client = client;
        this.properties = properties;
    }

    /** A client with Discord-friendly defaults; {@code customisers} (tests) may set a proxy selector and trust. */
    public static HttpClient client(List<DiscordHttpCustomiser> customisers) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER);
        customisers.forEach(c -> c.accept(builder));
        return builder.build();
    }

    /** {@code POST /interactions/{id}/{token}/callback}. */
    public CompletableFuture<Void> callback(long interactionId, String token, ObjectNode body) {
        String path = "/interactions/" + Long.toUnsignedString(interactionId) + "/" + token + "/callback";
        return send(new Call("callback", "POST", path, Body.json(body), true, System.nanoTime()), 1);
    }

    /** {@code PATCH /webhooks/{application}/{token}/messages/@original}. */
    public CompletableFuture<Void> editOriginal(long applicationId, String token, ObjectNode body) {
        return send(new Call("edit of the original response", "PATCH", originalPath(applicationId, token),
                Body.json(body), false, System.nanoTime()), 1);
    }

    /**
     * {@code PATCH .../messages/@original} with one attached file: {@code multipart/form-data} with the message as
     * {@code payload_json} (its {@code attachments} naming the file as id 0) and the file as {@code files[0]}.
     */
    public CompletableFuture<Void> editOriginalWithFile(long applicationId, String token, ObjectNode body,
            String fileName, String fileContentType, byte[] file) {
        ObjectNode payload = body.deepCopy();
        payload.putArray("attachments").addObject().put("id", "0").put("filename", fileName);
        return send(new Call("edit of the original response with a file", "PATCH", originalPath(applicationId, token),
                Body.multipart(payload, fileName, fileContentType, file), false, System.nanoTime()), 1);
    }

    /** {@code POST /webhooks/{application}/{token}}: a further message. */
    public CompletableFuture<Void> followup(long applicationId, String token, ObjectNode body) {
        String path = "/webhooks/" + Long.toUnsignedString(applicationId) + "/" + token;
        return send(new Call("followup", "POST", path, Body.json(body), false, System.nanoTime()), 1);
    }

    private static String originalPath(long applicationId, String token) {
        return "/webhooks/" + Long.toUnsignedString(applicationId) + "/" + token + "/messages/@original";
    }

    private CompletableFuture<Void> send(Call call, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.apiBase() + call.path))
                .timeout(timeout(call, attempt))
                .header("Content-Type", call.body.contentType)
                .header("User-Agent", USER_AGENT)
                .method(call.method, HttpRequest.BodyPublishers.ofByteArray(call.body.bytes))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> decide(call, attempt, response, failure))
                .thenCompose(next -> next);
    }

    private CompletableFuture<Void> decide(Call call, int attempt, HttpResponse<String> response, Throwable failure) {
        if (failure == null && response.statusCode() / 100 == 2) {
            return CompletableFuture.completedFuture(null);
        }
        int status = failure == null ? response.statusCode() : 0;
        JsonNode body = failure == null ? parse(response.body()) : JSON.createObjectNode();
        int code = body.path("code").asInt(0);
        if (attempt > 1 && call.callback && code == ALREADY_ACKNOWLEDGED) {
            // an earlier attempt did get through (its answer was lost)
            return CompletableFuture.completedFuture(null);
        }
        DiscordFailure result = new DiscordFailure(status, code, call.what + " failed");
        Duration wait;
        if (status == 429) {
            wait = retryAfter(body, response);
        } else if (status == 0 || status >= 500) {
            wait = Duration.ofMillis(200L << Math.min(attempt - 1, 4));
        } else {
            return CompletableFuture.failedFuture(result);
        }
        long spentNanos = System.nanoTime() - call.startNanos;
        boolean withinBudget = !call.callback
                || spentNanos + wait.toNanos() < properties.callbackBudget().toNanos();
        if (attempt >= properties.maxAttempts() || !withinBudget) {
            log.warn("{} gave up after {} attempt(s): {}", call.what, attempt, result);
            return CompletableFuture.failedFuture(result);
        }
        log.debug("{} answered {} (code {}); retrying in {} ms", call.what, status, code, wait.toMillis());
        Executor delayed = CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS);
        return CompletableFuture.supplyAsync(() -> send(call, attempt + 1), delayed).thenCompose(next -> next);
    }

    /**
     * A callback's attempt may not outlive the budget: the first gets at most half of it, so that a hung request is
     * given up in time for a second one (Discord wants the callback within 3 s of the interaction); later attempts
     * get what is left. Other requests (15 minutes of token life) use the request timeout.
     */
    private Duration timeout(Call call, int attempt) {
        Duration configured = properties.requestTimeout();
        if (!call.callback) {
            return configured;
        }
        Duration budget = properties.callbackBudget();
        Duration left = budget.minusNanos(System.nanoTime() - call.startNanos);
        Duration cap = attempt == 1 ? budget.dividedBy(2) : left;
        Duration bounded = cap.compareTo(configured) < 0 ? cap : configured;
        return bounded.compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : bounded;
    }

    /** {@code retry_after} from the body (seconds, fractional), else the {@code Retry-After} header, else 1 s. */
    static Duration retryAfter(JsonNode body, HttpResponse<String> response) {
        double seconds = body.path("retry_after").asDouble(-1);
        if (seconds < 0 && response != null) {
            seconds = response.headers().firstValue("Retry-After").map(v -> {
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return -1.0;
                }
            }).orElse(-1.0);
        }
        if (seconds < 0) {
            seconds = 1;
        }
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    private record Call(String what, String method, String path, Body body, boolean callback, long startNanos) {
    }

    /** A request body, built once and sent as it is on every attempt. */
    private record Body(String contentType, byte[] bytes) {

        static Body json(ObjectNode body) {
            return new Body("application/json", body.toString().getBytes(StandardCharsets.UTF_8));
        }

        static Body multipart(ObjectNode payload, String fileName, String fileContentType, byte[] file) {
            String boundary = "triage-" + UUID.randomUUID();
            ByteArrayOutputStream out = new ByteArrayOutputStream(file.length + 1024);
            String safeName = fileName.replace("\"", "").replace("\r", "").replace("\n", "");
            write(out, "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"payload_json\"\r\n"
                    + "Content-Type: application/json\r\n\r\n"
                    + payload + "\r\n"
                    + "--" + boundary + "\r\n"
                    + "Content-Disposition: form-data; name=\"files[0]\"; filename=\"" + safeName + "\"\r\n"
                    + "Content-Type: " + fileContentType + "\r\n\r\n");
            out.writeBytes(file);
            write(out, "\r\n--" + boundary + "--\r\n");
            return new Body("multipart/form-data; boundary=" + boundary, out.toByteArray());
        }

        private static void write(ByteArrayOutputStream out, String text) {
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
