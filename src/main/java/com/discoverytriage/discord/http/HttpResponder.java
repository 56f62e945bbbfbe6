package com.discoverytriage.discord.http;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.MessageSpec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * For an interaction that arrived over HTTP: the first answer becomes the HTTP response; it counts as delivered
 * once the endpoint has written it. An acknowledgement that comes after the endpoint stopped waiting finds the
 * interaction already acknowledged with a deferred answer: a deferral counts as done, a message becomes an edit of
 * the deferred response, a form cannot be opened any more.
 */
final class HttpResponder extends CallbackResponder {

    private final CompletableFuture<ObjectNode> first = new CompletableFuture<>();
    private final CompletableFuture<Void> written = new CompletableFuture<>();

    HttpResponder(long applicationId, String token, InteractionCallbacks callbacks) {
        super(applicationId, token, callbacks);
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
    protected CompletableFuture<Void> acknowledge(ObjectNode callback) {
        if (first.complete(callback)) {
            return written;
        }
        return switch (callback.path("type").asInt()) {
            case CHANNEL_MESSAGE -> written.thenCompose(v -> editOriginal((ObjectNode) callback.path("data")));
            case MODAL -> CompletableFuture.failedFuture(new DiscordFailure(400,
                    InteractionCallbacks.ALREADY_ACKNOWLEDGED, "a modal after a deferred answer"));
            default -> written;
        };
    }

    /** No bot connection needed: a followup without the ephemeral flag is a normal message in the channel. */
    @Override
    public CompletableFuture<Void> postInChannel(MessageSpec spec) {
        return followup(spec.asEphemeral(false));
    }
}
