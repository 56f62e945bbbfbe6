package com.discoverytriage.discord;

import java.util.concurrent.CompletableFuture;
import org.javacord.api.interaction.InteractionBase;
import org.javacord.api.interaction.MessageComponentInteraction;
import org.javacord.core.interaction.InteractionOriginalResponseUpdaterImpl;
import org.javacord.core.util.rest.RestEndpoint;
import org.javacord.core.util.rest.RestMethod;
import org.javacord.core.util.rest.RestRequest;

/** {@link Responder} over one Javacord interaction. */
final class JavacordResponder implements Responder {

    private final InteractionBase interaction;

    JavacordResponder(InteractionBase interaction) {
        this.interaction = interaction;
    }

    @Override
    public CompletableFuture<Void> deferUpdate() {
        if (interaction instanceof MessageComponentInteraction component) {
            return mapped(component.acknowledge());
        }
        // a modal submitted from a button: Javacord's API has no deferred update for it, so send type 6 directly
        return mapped(new RestRequest<Void>(interaction.getApi(), RestMethod.POST, RestEndpoint.INTERACTION_RESPONSE)
                .setUrlParameters(interaction.getIdAsString(), interaction.getToken())
                .consumeGlobalRatelimit(false)
                .includeAuthorizationHeader(false)
                .setBody("{\"type\":6}")
                .execute(result -> null));
    }

    @Override
    public CompletableFuture<Void> deferReply(boolean ephemeral) {
        return mapped(interaction.respondLater(ephemeral));
    }

    @Override
    public CompletableFuture<Void> reply(MessageSpec spec) {
        return mapped(JavacordSpecs.apply(spec, interaction.createImmediateResponder()).respond());
    }

    @Override
    public CompletableFuture<Void> modal(MessageSpec.Modal modal) {
        return mapped(interaction.respondWithModal(modal.customId(), modal.title(), JavacordSpecs.modalRows(modal)));
    }

    @Override
    public CompletableFuture<Void> editOriginal(MessageSpec spec) {
        return mapped(JavacordSpecs.apply(spec, new InteractionOriginalResponseUpdaterImpl(interaction)).update());
    }

    @Override
    public CompletableFuture<Void> followup(MessageSpec spec) {
        return mapped(JavacordSpecs.apply(spec, interaction.createFollowupMessageBuilder()).send());
    }

    @Override
    public CompletableFuture<Void> postInChannel(MessageSpec spec) {
        return interaction.getChannel()
                .map(channel -> mapped(JavacordSpecs.message(spec).send(channel)))
                .orElseGet(() -> CompletableFuture.failedFuture(new DiscordFailure(0, 0, "no channel")));
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
