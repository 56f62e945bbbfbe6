package com.discoverytriage.discord.interaction;

import com.discoverytriage.conversation.Command;

/** The free-text question's form, submitted: the typed text is the answer to the step it was opened at. */
final class AnswerForm implements InteractionHandler {

    private final ProspectFlow flow;

    AnswerForm(ProspectFlow flow) {
        this.flow = flow;
    }

    @Override
    public Claim claim() {
        return Claim.customId(CustomId.MODAL);
    }

    @Override
    public void handle(InteractionContext c) {
        if (ProspectFlow.refusedAsForeign(c)) {
            return;
        }
        Interaction i = c.interaction();
        CustomId id = c.customId();
        String text = i.text() == null ? "" : i.text();
        c.later(c.responder().deferUpdate(), () -> flow.applyAt(i.userId(), new Command.Answer(text), id.step()));
    }
}
