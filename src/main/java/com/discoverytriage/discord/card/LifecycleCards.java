package com.discoverytriage.discord.card;

import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.summary.LeadLifecycle;
import com.discoverytriage.summary.LeadState;
import java.util.List;
import java.util.Optional;

/** What the card shows of a lead's lifecycle: a status line, or an emptied card once the data is gone. */
final class LifecycleCards {

    static final int GONE_COLOR = 0x99AAB5;

    private LifecycleCards() {
    }

    /** "\nStatus: **stalled at question 3** (reminder sent by DM)", or empty. */
    static Optional<String> line(LeadState lead) {
        LeadLifecycle l = lead.lifecycle();
        if (l == null || (l.stage() == LeadLifecycle.Stage.DECIDED_NOT_BOOKED && lead.status() == LeadState.Status.BOOKED)) {
            return Optional.empty();
        }
        String reminder = switch (l.reminder() == null ? "" : l.reminder()) {
            case "sent" -> " (reminder sent by DM)";
            case "no-dm" -> " (no DM possible: no reminder sent)";
            case "failed" -> " (the reminder DM failed)";
            case "interrupted" -> " (the bot stopped while sending the reminder: it may not have gone out)";
            default -> "";
        };
        String follow = l.stage() == LeadLifecycle.Stage.DECIDED_NOT_BOOKED ? " — follow up" : "";
        return Optional.of("\nStatus: **" + l.label() + "**" + (l.stage() == LeadLifecycle.Stage.STALLED ? reminder : "")
                + follow);
    }

    /** The card of an erased or purged triage: its id and why it is empty, no buttons. */
    static MessageSpec emptied(String triageId, LeadLifecycle l) {
        String why = l.stage() == LeadLifecycle.Stage.ERASED
                ? "Erased at the prospect's request."
                : "Removed after the retention period.";
        return MessageSpec.of(null, new Embed("Fit check: " + l.label(), why, GONE_COLOR, List.of(), "Triage " + triageId),
                List.of());
    }
}
