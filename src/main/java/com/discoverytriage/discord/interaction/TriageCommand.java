package com.discoverytriage.discord.interaction;

import java.util.Optional;

/** {@code /triage [diagnostic]}: starts a fit check, or offers to continue the stored one. */
final class TriageCommand implements InteractionHandler {

    private final ProspectFlow flow;

    TriageCommand(ProspectFlow flow) {
        this.flow = flow;
    }

    @Override
    public Claim claim() {
        return Claim.command(Interaction.Kind.TRIAGE_COMMAND);
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        c.later(c.responder().deferReply(i.inGuild()), () -> flow.start(i, Optional.ofNullable(i.option())));
    }
}
