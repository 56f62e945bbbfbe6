package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.http.InteractionCallbacks;
import com.discoverytriage.discord.interaction.InteractionPayloads;
import com.discoverytriage.discord.interaction.Responder;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * {@link Responder} over one interaction read from Discord's payload. Everything addressed by the interaction token
 * (callbacks, {@code @original} edits, followups) goes through {@link InteractionCallbacks}, concurrently, not
 * through Javacord's single callback queue; only the panel, a normal channel message, goes through
 * {@code channelPoster} (Javacord's REST queue, with the bot token).
 */
public final class JavacordResponder implements Responder {

    private final InteractionPayloads.Delivered interaction;
    private final InteractionCallbacks callbacks;
    private final BiFunction<Long, MessageSpec, CompletableFuture<Void>> channelPoster;

    JavacordResponder(InteractionPayloads.Delivered interaction, InteractionCallbacks callbacks,
            BiFunction<Long, MessageSpec, CompletableFuture<Void>> channelPoster) {
        this.interaction = interaction;
        this.callbacks = callbacks;
        this.channelPoster = channelPoster;
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
        return callbacks.editOriginal(interaction.applicationId(), interaction.token(), body);
    }

    @Override
    public CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content) {
        ObjectNode body = DiscordJson.message(spec);
        body.remove("flags");
        return callbacks.editOriginalWithFile(interaction.applicationId(), interaction.token(), body, fileName,
                contentType(fileName), content);
    }

    public static String contentType(String fileName) {
        return fileName.endsWith(".csv") ? "text/csv; charset=utf-8"
                : fileName.endsWith(".png") ? "image/png" : "application/octet-stream";
    }

    @Override
    public CompletableFuture<Void> followup(MessageSpec spec) {
        return callbacks.followup(interaction.applicationId(), interaction.token(), DiscordJson.message(spec));
    }

    @Override
    public CompletableFuture<Void> postInChannel(MessageSpec spec) {
        if (interaction.channelId() == 0) {
            return CompletableFuture.failedFuture(new DiscordFailure(0, 0, "no channel"));
        }
        return channelPoster.apply(interaction.channelId(), spec);
    }

    private CompletableFuture<Void> callback(ObjectNode body) {
        return callbacks.callback(interaction.interaction().id(), interaction.token(), body);
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
