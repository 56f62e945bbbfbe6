package com.discoverytriage.discord.http;

import com.discoverytriage.discord.DiscordProperties;
import com.discoverytriage.discord.interaction.Interaction;
import com.discoverytriage.discord.interaction.InteractionPayloads;
import com.discoverytriage.discord.interaction.TriageInteractions;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Discord's Interactions Endpoint URL: {@code POST triage.discord.http.path}. Everything on this port is hostile
 * until its signature proves otherwise: an oversized body is refused (413) before it is read, a missing or wrong
 * signature or a stale timestamp gets 401 (Discord's portal sends such requests when the URL is saved, and
 * routinely after), PING gets PONG. Every other interaction goes to the same {@link TriageInteractions} as the
 * gateway's, with an {@link HttpResponder}: its first answer is written as this response, later edits go through
 * the callback client. Bodies, tokens and signatures are never logged.
 *
 * <p>Without a public key the path answers 404, as any unknown path: the bean exists either way, because the
 * image's start-up uses bean definitions fixed at build time (Spring AOT), when no key is known.
 */
@Controller
@ConditionalOnProperty(prefix = "triage.discord", name = "enabled", havingValue = "true", matchIfMissing = true)
public class HttpInteractionEndpoint {

    static final String SIGNATURE = "X-Signature-Ed25519";
    static final String TIMESTAMP = "X-Signature-Timestamp";
    /** Interaction type 1 (Discord: "Interaction Type"), answered with callback type 1, PONG. */
    static final int PING = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(HttpInteractionEndpoint.class);

    private final HttpInteractionProperties properties;
    /** Empty when no public key is set: the endpoint is then switched off. */
    private final Optional<InteractionSignatures> signatures;
    private final TriageInteractions interactions;
    private final InteractionCallbacks callbacks;
    private final long consultantRoleId;
    private final Clock clock;

    @Autowired
    public HttpInteractionEndpoint(HttpInteractionProperties properties, TriageInteractions interactions,
            InteractionCallbacks callbacks, DiscordProperties discord, ObjectProvider<Clock> clock) {
        this(properties, interactions, callbacks, discord.consultantRoleId(), clock.getIfAvailable(Clock::systemUTC));
    }

    HttpInteractionEndpoint(HttpInteractionProperties properties, TriageInteractions interactions,
            InteractionCallbacks callbacks, long consultantRoleId, Clock clock) {
        this.properties = properties;
        this.signatures = properties.enabled() ? Optional.of(InteractionSignatures.of(properties.publicKey()))
                : Optional.empty();
        this.interactions = interactions;
        this.callbacks = callbacks;
        this.consultantRoleId = consultantRoleId;
        this.clock = clock;
    }

    @PostMapping("${triage.discord.http.path:/discord/interactions}")
    void receive(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (signatures.isEmpty()) {
            response.sendError(404);
            return;
        }
        long limit = properties.maxBody().toBytes();
        if (request.getContentLengthLong() > limit) {
            refuse(response, 413, "body too large");
            return;
        }
        byte[] body = request.getInputStream().readNBytes((int) limit + 1);
        if (body.length > limit) {
            refuse(response, 413, "body too large");
            return;
        }
        String timestamp = request.getHeader(TIMESTAMP);
        if (!signatures.get().verify(request.getHeader(SIGNATURE), timestamp, body)) {
            refuse(response, 401, "invalid request signature");
            return;
        }
        if (!fresh(timestamp)) {
            refuse(response, 401, "stale request timestamp");
            return;
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            root = null;
        }
        if (root == null || !root.isObject() || !root.path("type").isInt()) {
            refuse(response, 400, "not an interaction");
            return;
        }
        if (root.path("type").asInt() == PING) {
            write(response, JsonNodeFactory.instance.objectNode().put("type", 1));
            return;
        }
        Optional<InteractionPayloads.Delivered> delivered = InteractionPayloads.read(root, consultantRoleId);
        if (delivered.isEmpty() || delivered.get().token().isEmpty()) {
            write(response, DiscordJson.callback(4, DiscordJson.message(
                    ProspectRenderer.note(TriageInteractions.UNAVAILABLE).asEphemeral(true))));
            return;
        }
        answer(delivered.get(), response);
    }

    private void answer(InteractionPayloads.Delivered delivered, HttpServletResponse response) throws IOException {
        Interaction i = delivered.interaction();
        HttpResponder responder = new HttpResponder(delivered.applicationId(), delivered.token(), callbacks);
        if (!interactions.handle(i, responder)) {
            responder.answerInstead(deferred(i));
        }
        ObjectNode first;
        try {
            first = responder.firstAnswer().get(properties.answerWithin().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("no answer to {} within {} ms: acknowledging it with a deferred response", i,
                    properties.answerWithin().toMillis());
            responder.answerInstead(deferred(i));
            first = responder.firstAnswer().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            responder.written(e);
            return;
        } catch (ExecutionException e) {
            responder.written(e.getCause());
            refuse(response, 500, "no answer");
            return;
        }
        try {
            write(response, first);
            responder.written(null);
        } catch (IOException | RuntimeException e) {
            responder.written(e);
            throw e;
        }
    }

    /** Thinking... for a command, nothing visible for a click or a form: the result follows as an edit. */
    static ObjectNode deferred(Interaction i) {
        return switch (i.kind()) {
            case BUTTON, MODAL -> DiscordJson.callback(6, null);
            default -> DiscordJson.callback(5, JsonNodeFactory.instance.objectNode().put("flags", DiscordJson.EPHEMERAL));
        };
    }

    private boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp.strip());
            long age = Math.abs(clock.millis() / 1000 - seconds);
            return age <= properties.maxAge().toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(HttpServletResponse response, int status, String reason) throws IOException {
        log.info("refused an interaction request: {} ({})", status, reason);
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(reason.getBytes(StandardCharsets.UTF_8));
        response.flushBuffer();
    }

    private static void write(HttpServletResponse response, ObjectNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }
}
