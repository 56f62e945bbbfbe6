package com.discoverytriage.discord.http;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.gateway.JavacordResponder;
import com.discoverytriage.discord.interaction.Responder;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Responder} for an interaction that arrived over HTTP: the first answer (callback types 4, 5, 6, 9, the
 * same the gateway path sends) becomes the HTTP response; it counts as delivered once the endpoint has written it.
 * Everything later (edits, followups) goes through {@link InteractionCallbacks}, exactly as on the gateway path. An
 * acknowledgement that comes after the endpoint stopped waiting finds the interaction already acknowledged with a
 * deferred answer: a deferral counts as done, a message becomes an edit of the deferred response.
 */
final class HttpResponder implements Responder {

    private final long applicationId;
    private final String token;
    private final InteractionCallbacks callbacks;
    private final CompletableFuture<ObjectNode> first = new CompletableFuture<>();
    private final CompletableFuture<Void> written = new CompletableFuture<>();

    HttpResponder(long applicationId, String token, InteractionCallbacks callbacks) {
        this.applicationId = applicationId;
        this.token = token;
        this.callbacks = callbacks;
    }

    /** The first answer, to be written as the HTTP response. */
    CompletableFuture<ObjectNode> firstAnswer() {
        return first;
    }

    /** Offers the endpoint's own answer (when the handler stayed silent); false when one was already given. */
    boolean answerInstead(ObjectNode body) {
        return first.complete(body);
    }

    /** The endpoint wrote the response (or could not). */
    void written(Throwable failure) {
        if (failure == null) {
            written.complete(null);
        } else {
            written.completeExceptionally(failure);
        }
    }

    @Override
    public CompletableFuture<Void> deferUpdate() {
        return acknowledge(DiscordJson.callback(6, null), () -> written);
    }

    @Override
    public CompletableFuture<Void> deferReply(boolean ephemeral) {
        ObjectNode data = null;
        if (ephemeral) {
            data = JsonNodeFactory.instance.objectNode().put("flags", DiscordJson.EPHEMERAL);
        }
        return acknowledge(DiscordJson.callback(5, data), () -> written);
    }

    @Override
    public CompletableFuture<Void> reply(MessageSpec spec) {
        return acknowledge(DiscordJson.callback(4, DiscordJson.message(spec)),
                () -> written.thenCompose(v -> editOriginal(spec)));
    }

    @Override
    public CompletableFuture<Void> modal(MessageSpec.Modal modal) {
        return acknowledge(DiscordJson.callback(9, DiscordJson.modal(modal)), () -> CompletableFuture.failedFuture(
                new DiscordFailure(400, InteractionCallbacks.ALREADY_ACKNOWLEDGED, "a modal after a deferred answer")));
    }

    private CompletableFuture<Void> acknowledge(ObjectNode body,
            java.util.function.Supplier<CompletableFuture<Void>> afterDeferral) {
        if (first.complete(body)) {
            return written;
        }
        return afterDeferral.get();
    }

    @Override
    public CompletableFuture<Void> editOriginal(MessageSpec spec) {
        ObjectNode body = DiscordJson.message(spec);
        body.remove("flags");
        if (!body.has("content")) {
            body.put("content", "");
        }
        return callbacks.editOriginal(applicationId, token, body);
    }

    @Override
    public CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content) {
        ObjectNode body = DiscordJson.message(spec);
        body.remove("flags");
        return callbacks.editOriginalWithFile(applicationId, token, body, fileName,
                JavacordResponder.contentType(fileName), content);
    }

    @Override
    public CompletableFuture<Void> followup(MessageSpec spec) {
        return callbacks.followup(applicationId, token, DiscordJson.message(spec));
    }

    /** No bot connection needed: a followup without the ephemeral flag is a normal message in the channel. */
    @Override
    public CompletableFuture<Void> postInChannel(MessageSpec spec) {
        return followup(spec.asEphemeral(false));
    }
}
