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
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

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
    private final TransactionTemplate tx;

    public LifecycleScheduler(JdbcTemplate jdbc, ConversationService conversations, StoredConversations stored,
            LifecycleStore store, SummaryOutbox cards, ProspectNotifier notifier, LifecycleProperties properties,
            RetentionPurge retention, Clock clock, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.stored = stored;
        this.store = store;
        this.cards = cards;
        this.notifier = notifier;
        this.properties = properties;
        this.retention = retention;
        this.clock = clock;
        this.tx = tx;
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
        // one short transaction per row before the reminder and one after it: never one open while the DM is sent
        for (StoredConversations.Idle c : stored.due(FollowUp.REMIND, now.minus(properties.reminderAfter()), BATCH)) {
            Step step = inTransaction(() -> {
                Optional<ConversationSnapshot> found = stillIdle(c);
                if (found.isEmpty()) {
                    stored.followedUp(c, null);
                    return Step.SKIPPED;
                }
                ConversationSnapshot s = found.get();
                int question = Math.max(1, s.questionNumber());
                if (!s.updatedAt().isAfter(expiredBefore)) {
                    // the scheduler was off for longer than the reminder window: past the week, no reminder any more
                    return abandon(c, s, question, now) ? Step.ABANDONED : Step.SKIPPED;
                }
                boolean newStall = store.stalled(c.triageId(), c.prospect().value(), c.step(), question,
                        s.questionTotal(), now);
                if (!store.claimReminder(c.triageId(), c.step(), now)) {
                    if (newStall) {
                        cards.touch(c.triageId());
                    }
                    stored.followedUp(c, FollowUp.EXPIRE);
                    return newStall ? Step.STALLED : Step.SKIPPED;
                }
                return new Step(newStall, false, false, s, question);
            });
            if (step == null) {
                continue;
            }
            if (step.snapshot() == null) {
                stalled += step.stalled() ? 1 : 0;
                abandoned += step.abandoned() ? 1 : 0;
                continue;
            }
            stalled += step.stalled() ? 1 : 0;
            ProspectNotifier.Result result = remind(step.snapshot(), step.question());
            inTransaction(() -> {
                store.reminderResult(c.triageId(), result.id());
                cards.touch(c.triageId());
                stored.followedUp(c, FollowUp.EXPIRE);
                return true;
            });
            if (result == ProspectNotifier.Result.SENT) {
                reminded++;
            }
        }
        for (StoredConversations.Idle c : stored.due(FollowUp.EXPIRE, expiredBefore, BATCH)) {
            Boolean changed = inTransaction(() -> {
                Optional<ConversationSnapshot> found = stillIdle(c);
                if (found.isEmpty()) {
                    stored.followedUp(c, null);
                    return false;
                }
                return abandon(c, found.get(), Math.max(1, found.get().questionNumber()), now);
            });
            if (Boolean.TRUE.equals(changed)) {
                abandoned++;
            }
        }
        return new int[] {stalled, reminded, abandoned};
    }

    /** What the first transaction of a due reminder found; {@code snapshot} set when a reminder is to be sent. */
    private record Step(boolean stalled, boolean abandoned, boolean skipped, ConversationSnapshot snapshot,
            int question) {

        static final Step SKIPPED = new Step(false, false, true, null, 0);
        static final Step ABANDONED = new Step(false, true, false, null, 0);
        static final Step STALLED = new Step(true, false, false, null, 0);
    }

    /**
     * Runs one row's changes in one short transaction (one commit instead of one per statement). A row that fails
     * (e.g. another scheduler won a race for it) is rolled back, logged and left for the next pass: its follow-up
     * did not change, so the query finds it again.
     */
    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        try {
            return tx.execute(status -> work.get());
        } catch (DataAccessException e) {
            log.warn("a lifecycle row was left for the next pass ({})", e.getClass().getSimpleName());
            return null;
        }
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
            Boolean flagged = inTransaction(() -> {
                boolean booked = jdbc.queryForObject("SELECT COUNT(*) FROM lead_state WHERE triage_id = ? AND"
                        + " status = ?", Integer.class, due.triageId(), LeadState.Status.BOOKED.id()) > 0;
                boolean changed = !booked && store.decidedNotBooked(due.triageId(), due.prospect().value(), now);
                if (changed) {
                    cards.touch(due.triageId());
                }
                stored.bookOutcomeChecked(due.triageId());
                return changed;
            });
            if (Boolean.TRUE.equals(flagged)) {
                nudged++;
            }
        }
        return nudged;
    }

    private static boolean inProgress(Phase phase) {
        return phase == Phase.ROUTING || phase == Phase.ASKING || phase == Phase.REVIEW;
    }
}
