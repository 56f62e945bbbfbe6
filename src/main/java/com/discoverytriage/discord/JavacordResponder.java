package com.discoverytriage.discord;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.interaction.InteractionBase;

/**
 * {@link Responder} over one Javacord interaction. Everything addressed by the interaction token (callbacks,
 * {@code @original} edits, followups) goes through {@link InteractionCallbacks}, concurrently, not through
 * Javacord's single callback queue; only the panel, a normal channel message, uses Javacord.
 */
final class JavacordResponder implements Responder {

    private final InteractionBase interaction;
    private final InteractionCallbacks callbacks;

    JavacordResponder(InteractionBase interaction, InteractionCallbacks callbacks) {
        this.interaction = interaction;
        this.callbacks = callbacks;
    }

    @Override
    public CompletableFuture<Void> deferUpdate() {
        return callback(DiscordJson.callback(6, null));
    }

    @Override
    public CompletableFuture<Void> deferReply(boolean ephemeral) {
        ObjectNode data = null;
        if (ephemeral) {
            data = JsonNodeFactory.instance.objectNode().put("flags", DiscordJson.EPHEMERAL);
        }
        return callback(DiscordJson.callback(5, data));
    }

    @Override
    public CompletableFuture<Void> reply(MessageSpec spec) {
        return callback(DiscordJson.callback(4, DiscordJson.message(spec)));
    }

    @Override
    public CompletableFuture<Void> modal(MessageSpec.Modal modal) {
        return callback(DiscordJson.callback(9, DiscordJson.modal(modal)));
    }

    @Override
    public CompletableFuture<Void> editOriginal(MessageSpec spec) {
        ObjectNode body = DiscordJson.message(spec);
        body.remove("flags"); // an edit cannot change whether a message is ephemeral
        if (!body.has("content")) {
            body.put("content", ""); // clears a note shown on the previous view
        }
        return callbacks.editOriginal(interaction.getApplicationId(), interaction.getToken(), body);
    }

    @Override
    public CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content) {
        ObjectNode body = DiscordJson.message(spec);
        body.remove("flags");
        return callbacks.editOriginalWithFile(interaction.getApplicationId(), interaction.getToken(), body, fileName,
                contentType(fileName), content);
    }

    static String contentType(String fileName) {
        return fileName.endsWith(".csv") ? "text/csv; charset=utf-8"
                : fileName.endsWith(".png") ? "image/png" : "application/octet-stream";
    }

    @Override
    public CompletableFuture<Void> followup(MessageSpec spec) {
        return callbacks.followup(interaction.getApplicationId(), interaction.getToken(), DiscordJson.message(spec));
    }

    @Override
    public CompletableFuture<Void> postInChannel(MessageSpec spec) {
        return interaction.getChannel()
                .map(channel -> mapped(JavacordSpecs.message(spec).send(channel)))
                .orElseGet(() -> CompletableFuture.failedFuture(new DiscordFailure(0, 0, "no channel")));
    }

    private CompletableFuture<Void> callback(ObjectNode body) {
        return callbacks.callback(interaction.getId(), interaction.getToken(), body);
    }

    static CompletableFuture<Void> mapped(CompletableFuture<?> future) {
        return future.handle((ok, t) -> {
            if (t != null) {
                throw JavacordSpecs.failure(t);
            }
            return null;
        });
    }
}
