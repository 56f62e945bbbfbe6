package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import java.util.Optional;

/**
 * The fit check's buttons and the review's "Change an answer" select: answers, skip, back, restart, confirm, edit,
 * continue / start over, the free-text button (opens the form at once) and "talk to the consultant anyway". Only the
 * prospect whose fit check it is may use them; each carries the step it was shown at, so the core recognises a
 * stale or double click.
 */
final class TriageButtons implements InteractionHandler {

    static final String TALK_NOTE = "Thanks: the consultant will see that you would like to talk anyway.";
    static final String STALE_TALK = "That button belonged to an earlier result; here is where your fit check stands now.";

    private final ProspectFlow flow;
    private final ConversationService conversations;
    private final ConsultantDesk desk;

    TriageButtons(ProspectFlow flow, ConsultantDesk desk) {
        this.flow = flow;
        this.conversations = flow.conversations();
        this.desk = desk;
    }

    @Override
    public Claim claim() {
        return Claim.customId(CustomId.TRIAGE);
    }

    @Override
    public void handle(InteractionContext c) {
        if (ProspectFlow.refusedAsForeign(c)) {
            return;
        }
        Interaction i = c.interaction();
        CustomId id = c.customId();
        if (id.verb().equals("text")) {
            // the form is the acknowledgement itself and changes nothing
            c.send(c.responder().modal(flow.lastQuestion(i.userId(), id.step())
                    .map(q -> flow.renderer().modal(q, i.userId()))
                    .orElseGet(() -> flow.renderer().genericModal(i.userId(), id.step()))));
            return;
        }
        ProspectId prospect = DiscordProspects.of(i.userId());
        c.later(c.responder().deferUpdate(), () -> switch (id.verb()) {
            case "talk" -> talkAnyway(i, id, prospect);
            case "show" -> flow.render(conversations.handle(prospect, new Command.Show()), i.userId());
            case "start" -> flow.startOver(i);
            default -> flow.applyAt(i.userId(), command(id, i.text()), id.step());
        });
    }

    /**
     * Flags the triage on screen, and only that one: the button must belong to the current, still alternative
     * outcome. A button left over from before a restart (a new triage, a new lead) or a back-and-change flags nothing.
     */
    private MessageSpec talkAnyway(Interaction i, CustomId id, ProspectId prospect) {
        Optional<ConversationSnapshot> stored = conversations.find(prospect)
                .filter(s -> s.step() == id.step() && s.phase() == Phase.DECIDED && s.evaluation() != null
                        && !s.evaluation().outcome().isBook());
        View current = conversations.handle(prospect, new Command.Show());
        if (stored.isEmpty()) {
            return flow.render(current, i.userId()).withContent(STALE_TALK);
        }
        desk.talkAnyway(stored.get().triageId());
        if (current instanceof View.OutcomeView o) {
            return flow.renderer().outcome(o, i.userId(), TALK_NOTE);
        }
        return flow.render(current, i.userId());
    }

    private static Command command(CustomId id, String text) {
        return switch (id.verb()) {
            case "a" -> new Command.Answer(id.argument());
            case "skip" -> new Command.Answer("");
            case "back" -> new Command.Back();
            case "restart" -> new Command.Restart();
            case "confirm" -> new Command.Confirm();
            case "edit" -> new Command.Edit(text == null ? "" : text);
            default -> new Command.Show();
        };
    }
}
