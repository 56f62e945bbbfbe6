package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.http.CallbackResponder;
import com.discoverytriage.discord.http.InteractionCallbacks;
import com.discoverytriage.discord.interaction.InteractionPayloads;
import com.discoverytriage.discord.render.MessageSpec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * For an interaction that arrived over the gateway: the first answer is the callback request
 * ({@link InteractionCallbacks}, not Javacord's single callback queue); only the panel, a normal channel message,
 * goes through {@code channelPoster} (Javacord's REST queue, with the bot token).
 */
public final class JavacordResponder extends CallbackResponder {

    private final long interactionId;
    private final long channelId;
    private final BiFunction<Long, MessageSpec, CompletableFuture<Void>> channelPoster;

    JavacordResponder(InteractionPayloads.Delivered interaction, InteractionCallbacks callbacks,
            BiFunction<Long, MessageSpec, CompletableFuture<Void>> channelPoster) {
        super(interaction, callbacks);
        this.interactionId = interaction.interaction().id();
        this.channelId = interaction.channelId();
        this.channelPoster = channelPoster;
    }

    @Override
    protected CompletableFuture<Void> acknowledge(ObjectNode callback) {
        return callbacks().callback(interactionId, token(), callback);
    }

    @Override
    public CompletableFuture<Void> postInChannel(MessageSpec spec) {
        if (channelId == 0) {
            return CompletableFuture.failedFuture(new DiscordFailure(0, 0, "no channel"));
        }
        return channelPoster.apply(channelId, spec);
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
