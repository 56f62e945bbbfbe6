package com.discoverytriage.discord.interaction;

import java.util.Optional;

/** The panel's "Start your fit check" button: the same as {@code /triage} without a diagnostic. */
final class PanelButton implements InteractionHandler {

    private final ProspectFlow flow;

    PanelButton(ProspectFlow flow) {
        this.flow = flow;
    }

    @Override
    public Claim claim() {
        return Claim.customId(CustomId.PANEL);
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        c.later(c.responder().deferReply(i.inGuild()), () -> flow.start(i, Optional.empty()));
    }
}
