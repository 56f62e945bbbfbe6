package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.conversation.StoredConversations.FollowUp;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.SummaryOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Works out stalls, expiries and missing bookings from the stored timestamps alone (no timer per prospect), so a
 * restart loses nothing and two runs do nothing twice: each change is a conditional update of
 * {@code lead_lifecycle}, and the reminder is claimed ({@code reminded_at}) before it is sent.
 */
public class LifecycleScheduler {

    private static final Logger log = LoggerFactory.getLogger(LifecycleScheduler.class);
    static final int BATCH = 200;

    private final JdbcTemplate jdbc;
    private final ConversationService conversations;
    private final StoredConversations stored;
    private final LifecycleStore store;
    private final SummaryOutbox cards;
    private final ProspectNotifier notifier;
    private final LifecycleProperties properties;
    private final RetentionPurge retention;
    private final Clock clock;

    public LifecycleScheduler(JdbcTemplate jdbc, ConversationService conversations, StoredConversations stored,
            LifecycleStore store, SummaryOutbox cards, ProspectNotifier notifier, LifecycleProperties properties,
            RetentionPurge retention, Clock clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.stored = stored;
        this.store = store;
        this.cards = cards;
        this.notifier = notifier;
        this.properties = properties;
        this.retention = retention;
        this.clock = clock;
    }

    /** One pass over everything due now; answers what it did. */
    public Report runOnce() {
        Instant now = clock.instant();
        int[] stall = stalls(now);
        int nudged = nudges(now);
        int purged = retention.runIfDue(now);
        Report report = new Report(stall[0], stall[1], stall[2], nudged, purged);
        if (report.any()) {
            log.info("lifecycle: {}", report);
        }
        return report;
    }

    /** What one pass did. */
    public record Report(int stalled, int reminded, int abandoned, int notBooked, int purged) {

        boolean any() {
            return stalled + reminded + abandoned + notBooked + purged > 0;
        }
    }

    /**
     * Reminders, then expiries: each reads only the conversations whose time has come and that still wait for that
     * step (the row's follow-up), so a stall already reminded or abandoned never takes the place of a new one.
     */
    private int[] stalls(Instant now) {
        int stalled = 0;
        int reminded = 0;
        int abandoned = 0;
        Instant expiredBefore = now.minus(properties.expireAfter());
        for (StoredConversations.Idle c : stored.due(FollowUp.REMIND, now.minus(properties.reminderAfter()), BATCH)) {
            Optional<ConversationSnapshot> found = stillIdle(c);
            if (found.isEmpty()) {
                stored.followedUp(c, null);
                continue;
            }
            ConversationSnapshot s = found.get();
            int question = Math.max(1, s.questionNumber());
            if (!s.updatedAt().isAfter(expiredBefore)) {
                // the scheduler was off for longer than the reminder window: past the week, no reminder any more
                if (abandon(c, s, question, now)) {
                    abandoned++;
                }
                continue;
            }
            if (store.stalled(c.triageId(), c.prospect().value(), c.step(), question, s.questionTotal(), now)) {
                stalled++;
                cards.touch(c.triageId());
            }
            if (store.claimReminder(c.triageId(), c.step(), now)) {
                ProspectNotifier.Result result = remind(s, question);
                store.reminderResult(c.triageId(), result.id());
                cards.touch(c.triageId());
                if (result == ProspectNotifier.Result.SENT) {
                    reminded++;
                }
            }
            stored.followedUp(c, FollowUp.EXPIRE);
        }
        for (StoredConversations.Idle c : stored.due(FollowUp.EXPIRE, expiredBefore, BATCH)) {
            Optional<ConversationSnapshot> found = stillIdle(c);
            if (found.isEmpty()) {
                stored.followedUp(c, null);
            } else if (abandon(c, found.get(), Math.max(1, found.get().questionNumber()), now)) {
                abandoned++;
            }
        }
        return new int[] {stalled, reminded, abandoned};
    }

    /** The conversation as it stands, if it is still in progress at the step that was found due. */
    private Optional<ConversationSnapshot> stillIdle(StoredConversations.Idle c) {
        return conversations.find(c.prospect())
                .filter(s -> s.triageId().equals(c.triageId()) && s.step() == c.step() && inProgress(s.phase()));
    }

    private boolean abandon(StoredConversations.Idle c, ConversationSnapshot s, int question, Instant now) {
        boolean changed = store.abandoned(c.triageId(), c.prospect().value(), c.step(), question, s.questionTotal(),
                now);
        if (changed) {
            cards.touch(c.triageId());
        }
        stored.followedUp(c, null);
        return changed;
    }

    private ProspectNotifier.Result remind(ConversationSnapshot s, int question) {
        try {
            return notifier.remind(s.prospect(), question, s.questionTotal());
        } catch (RuntimeException e) {
            log.warn("a stall reminder failed ({}); it is not tried again", e.getClass().getSimpleName());
            return ProspectNotifier.Result.FAILED;
        }
    }

    /** Book outcomes old enough and not yet checked: flagged unless booked meanwhile; each is checked once. */
    private int nudges(Instant now) {
        int nudged = 0;
        for (StoredConversations.BookOutcome due : stored.bookOutcomesDue(now.minus(properties.bookingNudgeAfter()),
                BATCH)) {
            boolean booked = jdbc.queryForObject("SELECT COUNT(*) FROM lead_state WHERE triage_id = ? AND status = ?",
                    Integer.class, due.triageId(), LeadState.Status.BOOKED.id()) > 0;
            if (!booked && store.decidedNotBooked(due.triageId(), due.prospect().value(), now)) {
                nudged++;
                cards.touch(due.triageId());
            }
            stored.bookOutcomeChecked(due.triageId());
        }
        return nudged;
    }

    private static boolean inProgress(Phase phase) {
        return phase == Phase.ROUTING || phase == Phase.ASKING || phase == Phase.REVIEW;
    }
}
