package com.discoverytriage.discord.interaction;

import java.util.OptionalLong;

/** {@code /triage-forget [user]}: shows the confirmation privately; nothing is erased before its button. */
final class ForgetCommand implements InteractionHandler {

    private final DataRights rights;

    ForgetCommand(DataRights rights) {
        this.rights = rights;
    }

    @Override
    public Claim claim() {
        return Claim.command(Interaction.Kind.FORGET_COMMAND);
    }

    @Override
    public String failureNote() {
        return DataRights.UNAVAILABLE;
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        OptionalLong chosen = DataRights.userId(i.optionValue(DataRights.USER_OPTION));
        long target = chosen.orElse(i.userId());
        if (target != i.userId() && !i.consultant()) {
            c.note(DataRights.OTHERS_CONSULTANT_ONLY);
            return;
        }
        c.later(c.responder().deferReply(true), () -> rights.confirmation(i.userId(), target));
    }
}
