package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.ProspectRenderer;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code /triage-panel}: the consultant posts a "Start your fit check" button in the channel. */
final class PanelCommand implements InteractionHandler {

    static final String POSTED = "Panel posted.";
    private static final Logger log = LoggerFactory.getLogger(PanelCommand.class);

    private final ProspectRenderer renderer;

    PanelCommand(ProspectRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public Claim claim() {
        return Claim.command(Interaction.Kind.PANEL_COMMAND);
    }

    @Override
    public void handle(InteractionContext c) {
        if (!c.interaction().consultant()) {
            c.note(TriageInteractions.CONSULTANTS_ONLY);
            return;
        }
        Responder r = c.responder();
        CompletableFuture<Void> ack = r.reply(ProspectRenderer.note(POSTED).asEphemeral(true));
        c.whenAcknowledged(ack, () -> r.postInChannel(renderer.panel()).exceptionally(t -> {
            log.warn("could not post the panel: {}", DiscordFailure.of(t));
            return null;
        }));
    }
}
