package com.discoverytriage.discord.card;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.interaction.CustomId;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.interaction.DiscordProspects;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.discord.render.MessageSpec.Style;
import com.discoverytriage.lifecycle.ProspectNotifier;
import java.util.List;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stall reminder as a DM with a Continue button (it shows the question where the prospect stopped). No DM to a
 * user whose DMs are known to be closed; a 50007 marks them closed. Never retried: the scheduler calls it once.
 */
public class ReminderDms implements ProspectNotifier {

    private static final Logger log = LoggerFactory.getLogger(ReminderDms.class);

    private final CustomIds ids;
    private final ClosedDms closedDms;
    private volatile DirectMessages dms;

    public ReminderDms(CustomIds ids, ClosedDms closedDms) {
        this.ids = ids;
        this.closedDms = closedDms;
    }

    /** The transport exists only once the bot is connected. */
    public void connected(DirectMessages dms) {
        this.dms = dms;
    }

    @Override
    public Result remind(ProspectId prospect, int questionNumber, int questionTotal) {
        OptionalLong userId = DiscordProspects.userId(prospect);
        if (userId.isEmpty() || closedDms.closed(userId.getAsLong())) {
            return Result.UNREACHABLE;
        }
        DirectMessages transport = dms;
        if (transport == null) {
            return Result.FAILED;
        }
        try {
            transport.send(userId.getAsLong(), message(userId.getAsLong(), questionNumber, questionTotal));
            return Result.SENT;
        } catch (RuntimeException e) {
            DiscordFailure f = DiscordFailure.of(e);
            if (f.dmClosed()) {
                closedDms.markClosed(userId.getAsLong());
                return Result.UNREACHABLE;
            }
            log.warn("stall reminder not delivered: {}", f);
            return Result.FAILED;
        }
    }

    MessageSpec message(long userId, int questionNumber, int questionTotal) {
        String where = questionTotal > 0 ? "question " + questionNumber + " of " + questionTotal : "the first question";
        Embed embed = new Embed("Your fit check is waiting", "You stopped at " + where + ". Pick up where you left "
                + "off whenever you like; your answers so far are kept.", ProspectRenderer.QUESTION_COLOR, List.of(), null);
        String continueId = ids.encode(new CustomId(CustomId.TRIAGE, Long.toUnsignedString(userId), 0, "show"));
        return MessageSpec.of(null, embed, List.of(Row.of(Button.of(Style.PRIMARY, "Continue", continueId))));
    }
}
