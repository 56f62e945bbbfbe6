package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.card.CardRenderer;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.summary.LeadState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The lead card's buttons in the consultant's channel: a status, or the override to book. Consultants only. */
final class CardButtons implements InteractionHandler {

    private final ConsultantDesk desk;

    CardButtons(ConsultantDesk desk) {
        this.desk = desk;
    }

    @Override
    public Claim claim() {
        return Claim.customId(CustomId.CARD);
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        if (!i.consultant()) {
            c.note(TriageInteractions.CONSULTANTS_ONLY);
            return;
        }
        CustomId id = c.customId();
        Responder r = c.responder();
        CompletableFuture<Void> ack = r.deferUpdate();
        String who = i.displayName();
        c.whenAcknowledged(ack, () -> {
            String confirmation;
            if (id.verb().equals(CardRenderer.OVERRIDE)) {
                confirmation = desk.overrideToBook(id.subject(), who);
            } else {
                Optional<LeadState.Status> status = LeadState.Status.parse(id.argument());
                if (status.isEmpty()) {
                    return;
                }
                confirmation = desk.setStatus(id.subject(), status.get(), who);
            }
            c.send(ack.thenCompose(v -> r.followup(ProspectRenderer.note(confirmation).asEphemeral(true))));
        });
    }
}
