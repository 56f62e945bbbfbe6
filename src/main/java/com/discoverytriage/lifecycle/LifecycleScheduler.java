package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.conversation.StoredConversations.BookOutcome;
import com.discoverytriage.conversation.StoredConversations.FollowUp;
import com.discoverytriage.conversation.StoredConversations.Idle;
import com.discoverytriage.lifecycle.LifecycleStore.Stop;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.SummaryOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works out stalls, expiries and missing bookings from the stored timestamps alone (no timer per prospect), so a
 * restart loses nothing and two runs do nothing twice: each change is a conditional update of
 * {@code lead_lifecycle}, and the reminder is claimed ({@code reminded_at}) before it is sent.
 *
 * <p>A pass costs what is due: each kind is read {@link #BATCH} rows at a time through an index, batch after batch
 * until one comes back short, and a batch's changes are written in one short transaction (one commit, JDBC batches)
 * instead of one per row. A pass stops a kind after {@link #MAX_BATCHES} batches, so it always ends; the rest waits
 * for the next pass. A batch that fails as a whole (another pass took one of its rows first) is rolled back and its
 * rows are taken one at a time, each in its own transaction, as a row that fails is left for the next pass.
 */
public class LifecycleScheduler {

    private static final Logger log = LoggerFactory.getLogger(LifecycleScheduler.class);
    /** Rows read per query and changed per transaction. */
    static final int BATCH = 200;
    /** Batches of each kind per pass: a pass handles at most 5,000 rows of each kind, then lets the next one go on. */
    static final int MAX_BATCHES = 25;
    /**
     * Reminders claimed in one transaction before their DMs are sent. A process that dies after the claim and before
     * the DMs sends none of them (never twice; see {@link #remindGroup}), so the group is kept small: 20 DMs take a
     * few seconds on Discord.
     */
    static final int REMINDER_GROUP = 20;
    /** What the card notes for a reminder claimed by a pass that never recorded how it went. */
    static final String INTERRUPTED = "interrupted";

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
    private final List<AbandonmentListener> abandonment;
    /** Set when the application stops: a pass in progress finishes the group it is in and takes no new one. */
    private volatile boolean stopping;

    public LifecycleScheduler(JdbcTemplate jdbc, ConversationService conversations, StoredConversations stored,
            LifecycleStore store, SummaryOutbox cards, ProspectNotifier notifier, LifecycleProperties properties,
            RetentionPurge retention, Clock clock, TransactionTemplate tx) {
        this(jdbc, conversations, stored, store, cards, notifier, properties, retention, clock, tx, List.of());
    }

    /** @param abandonment told of each triage given up, in the transaction that gives it up */
    public LifecycleScheduler(JdbcTemplate jdbc, ConversationService conversations, StoredConversations stored,
            LifecycleStore store, SummaryOutbox cards, ProspectNotifier notifier, LifecycleProperties properties,
            RetentionPurge retention, Clock clock, TransactionTemplate tx, List<AbandonmentListener> abandonment) {
        this.abandonment = List.copyOf(abandonment);
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

    /**
     * Lets a pass in progress end after the transaction or the reminder group it is in, with every claimed reminder
     * sent and recorded; no pass starts any more.
     */
    void stop() {
        stopping = true;
    }

    /** One pass over everything due now; answers what it did. */
    public Report runOnce() {
        Instant now = clock.instant();
        Tally tally = new Tally();
        Instant expiredBefore = now.minus(properties.expireAfter());
        Instant remindBefore = now.minus(properties.reminderAfter());
        Instant nudgeBefore = now.minus(properties.bookingNudgeAfter());
        // reminders first, then expiries: each query reads only the rows whose time has come and that still wait
        // for that step (the row's follow-up), so a stall already reminded or abandoned never takes a new one's place
        drain("reminders", () -> stored.due(FollowUp.REMIND, remindBefore, BATCH),
                batch -> reminders(batch, now, expiredBefore, tally));
        drain("expiries", () -> stored.due(FollowUp.EXPIRE, expiredBefore, BATCH),
                batch -> expiries(batch, now, tally));
        drain("booking checks", () -> stored.bookOutcomesDue(nudgeBefore, BATCH), batch -> nudges(batch, now, tally));
        int purged = retention.runIfDue(now);
        Report report = new Report(tally.stalled, tally.reminded, tally.abandoned, tally.notBooked, purged);
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

    private static final class Tally {
        int stalled;
        int reminded;
        int abandoned;
        int notBooked;
    }

    /**
     * Batch after batch until one comes back short, or one leaves a row for the next pass (it would come back first
     * in the next batch), or {@link #MAX_BATCHES}. Every row a batch handles leaves the query's range.
     */
    private <T> void drain(String kind, Supplier<List<T>> next, Function<List<T>, Boolean> handle) {
        for (int i = 0; i < MAX_BATCHES && !stopping; i++) {
            List<T> batch = next.get();
            if (batch.isEmpty()) {
                return;
            }
            boolean everyRowDone = handle.apply(batch);
            if (batch.size() < BATCH || !everyRowDone) {
                return;
            }
        }
        log.info("lifecycle: {} left for the next pass after {} rows", kind, MAX_BATCHES * BATCH);
    }

    // ---- reminders -------------------------------------------------------------------------------------------------

    /** A reminder claimed in the database, to be sent. */
    private record Claimed(Idle conversation, ConversationSnapshot snapshot, int question) {
    }

    /** What a group's claim transaction did. */
    private record Claims(List<Claimed> toSend, int stalled, int abandoned) {
    }

    private boolean reminders(List<Idle> batch, Instant now, Instant expiredBefore, Tally tally) {
        boolean everyRowDone = true;
        for (int from = 0; from < batch.size(); from += REMINDER_GROUP) {
            if (stopping) {
                return false;
            }
            everyRowDone &= remindGroup(batch.subList(from, Math.min(batch.size(), from + REMINDER_GROUP)), now,
                    expiredBefore, tally);
        }
        return everyRowDone;
    }

    /**
     * One transaction claims the group's reminders ({@code reminded_at}, committed before any DM), the DMs are sent
     * with no transaction open, and one transaction records how each went, touches the cards and moves the rows on
     * to expiry. A reminder is claimed once, ever, so it is never sent twice: a pass that finds a stall whose
     * reminder was claimed but whose result was never recorded (the process died in between, or the recording
     * failed) moves it on without a DM.
     */
    private boolean remindGroup(List<Idle> group, Instant now, Instant expiredBefore, Tally tally) {
        Claims claims = inTransaction(() -> claim(group, now, expiredBefore));
        if (claims == null) {
            boolean everyRowDone = true;
            for (Idle c : group) {
                everyRowDone &= remindOne(c, now, expiredBefore, tally);
            }
            return everyRowDone;
        }
        tally.stalled += claims.stalled();
        tally.abandoned += claims.abandoned();
        if (claims.toSend().isEmpty()) {
            return true;
        }
        List<String> triageIds = new ArrayList<>();
        List<String> results = new ArrayList<>();
        List<Idle> sent = new ArrayList<>();
        for (Claimed claimed : claims.toSend()) {
            ProspectNotifier.Result result = remind(claimed.snapshot(), claimed.question());
            tally.reminded += result == ProspectNotifier.Result.SENT ? 1 : 0;
            triageIds.add(claimed.conversation().triageId());
            results.add(result.id());
            sent.add(claimed.conversation());
        }
        return inTransaction(() -> {
            store.reminderResults(triageIds, results);
            cards.touchAll(triageIds);
            stored.followedUpAll(sent, FollowUp.EXPIRE);
            return true;
        }) != null;
    }

    private Claims claim(List<Idle> group, Instant now, Instant expiredBefore) {
        Set<String> known = store.known(group.stream().map(Idle::triageId).toList());
        java.util.Map<String, ConversationSnapshot> current = current(group);
        List<Idle> gone = new ArrayList<>();
        List<Stop> newStalls = new ArrayList<>();
        List<Claimed> newClaims = new ArrayList<>();
        List<Stop> oldStalls = new ArrayList<>();
        List<Claimed> oldClaims = new ArrayList<>();
        int abandoned = 0;
        for (Idle c : group) {
            Optional<ConversationSnapshot> found = stillIdle(c, current);
            if (found.isEmpty()) {
                gone.add(c);
                continue;
            }
            ConversationSnapshot s = found.get();
            int question = Math.max(1, s.questionNumber());
            if (!s.updatedAt().isAfter(expiredBefore)) {
                // the scheduler was off for longer than the reminder window: past the week, no reminder any more
                abandoned += abandon(c, s, question, now) ? 1 : 0;
                continue;
            }
            Stop stop = new Stop(c.triageId(), c.prospect().value(), c.step(), question, s.questionTotal());
            (known.contains(c.triageId()) ? oldStalls : newStalls).add(stop);
            (known.contains(c.triageId()) ? oldClaims : newClaims).add(new Claimed(c, s, question));
        }
        stored.followedUpAll(gone, null);
        if (!newStalls.isEmpty()) {
            store.stalledAndClaimed(newStalls, now);
        }
        List<Claimed> toSend = new ArrayList<>(newClaims);
        if (!oldStalls.isEmpty()) {
            boolean[] won = store.claimReminders(oldStalls, now);
            List<Idle> lost = new ArrayList<>();
            for (int i = 0; i < won.length; i++) {
                if (won[i]) {
                    toSend.add(oldClaims.get(i));
                } else {
                    lost.add(oldClaims.get(i).conversation());
                }
            }
            // claimed before by a pass that never recorded how it went (its process died, or the recording failed):
            // not sent again; the card says so
            List<String> lostIds = lost.stream().map(Idle::triageId).toList();
            int interrupted = store.reminderInterrupted(lostIds, INTERRUPTED);
            if (interrupted > 0) {
                log.warn("lifecycle: {} stall reminders were claimed by a pass that did not record them; not sent"
                        + " again", interrupted);
            }
            cards.touchAll(lostIds);
            stored.followedUpAll(lost, FollowUp.EXPIRE);
        }
        return new Claims(toSend, newStalls.size(), abandoned);
    }

    /** The reminder of one row, in the transactions of the row alone: for a group whose batch failed. */
    private boolean remindOne(Idle c, Instant now, Instant expiredBefore, Tally tally) {
        Step step = inTransaction(() -> {
            Optional<ConversationSnapshot> found = stillIdle(c);
            if (found.isEmpty()) {
                stored.followedUp(c, null);
                return Step.SKIPPED;
            }
            ConversationSnapshot s = found.get();
            int question = Math.max(1, s.questionNumber());
            if (!s.updatedAt().isAfter(expiredBefore)) {
                return abandon(c, s, question, now) ? Step.ABANDONED : Step.SKIPPED;
            }
            boolean newStall = store.stalled(c.triageId(), c.prospect().value(), c.step(), question,
                    s.questionTotal(), now);
            if (!store.claimReminder(c.triageId(), c.step(), now)) {
                store.reminderInterrupted(List.of(c.triageId()), INTERRUPTED);
                cards.touch(c.triageId());
                stored.followedUp(c, FollowUp.EXPIRE);
                return newStall ? Step.STALLED : Step.SKIPPED;
            }
            return new Step(newStall, false, s, question);
        });
        if (step == null) {
            return false;
        }
        tally.stalled += step.stalled() ? 1 : 0;
        tally.abandoned += step.abandoned() ? 1 : 0;
        if (step.snapshot() == null) {
            return true;
        }
        ProspectNotifier.Result result = remind(step.snapshot(), step.question());
        tally.reminded += result == ProspectNotifier.Result.SENT ? 1 : 0;
        return inTransaction(() -> {
            store.reminderResult(c.triageId(), result.id());
            cards.touch(c.triageId());
            stored.followedUp(c, FollowUp.EXPIRE);
            return true;
        }) != null;
    }

    /** What the first transaction of one due reminder found; {@code snapshot} set when a reminder is to be sent. */
    private record Step(boolean stalled, boolean abandoned, ConversationSnapshot snapshot, int question) {

        static final Step SKIPPED = new Step(false, false, null, 0);
        static final Step ABANDONED = new Step(false, true, null, 0);
        static final Step STALLED = new Step(true, false, null, 0);
    }

    private ProspectNotifier.Result remind(ConversationSnapshot s, int question) {
        try {
            return notifier.remind(s.prospect(), question, s.questionTotal());
        } catch (RuntimeException e) {
            log.warn("a stall reminder failed ({}); it is not tried again", e.getClass().getSimpleName());
            return ProspectNotifier.Result.FAILED;
        }
    }

    // ---- expiries --------------------------------------------------------------------------------------------------

    private boolean expiries(List<Idle> batch, Instant now, Tally tally) {
        Integer changed = inTransaction(() -> {
            Set<String> known = store.known(batch.stream().map(Idle::triageId).toList());
            java.util.Map<String, ConversationSnapshot> current = current(batch);
            List<Stop> fresh = new ArrayList<>();
            List<Stop> stalls = new ArrayList<>();
            for (Idle c : batch) {
                Optional<ConversationSnapshot> found = stillIdle(c, current);
                if (found.isPresent()) {
                    ConversationSnapshot s = found.get();
                    Stop stop = new Stop(c.triageId(), c.prospect().value(), c.step(),
                            Math.max(1, s.questionNumber()), s.questionTotal());
                    (known.contains(c.triageId()) ? stalls : fresh).add(stop);
                    abandonment.forEach(listener -> listener.abandoned(s));
                }
            }
            List<String> touched = new ArrayList<>(fresh.stream().map(Stop::triageId).toList());
            if (!fresh.isEmpty()) {
                store.abandonedNew(fresh, now);
            }
            touched.addAll(store.abandonedStalls(stalls, now));
            cards.touchAll(touched);
            // the lifecycle is done with each of them at this step, abandoned now or not in progress any more
            stored.followedUpAll(batch, null);
            return touched.size();
        });
        if (changed != null) {
            tally.abandoned += changed;
            return true;
        }
        boolean everyRowDone = true;
        for (Idle c : batch) {
            Boolean abandoned = inTransaction(() -> {
                Optional<ConversationSnapshot> found = stillIdle(c);
                if (found.isEmpty()) {
                    stored.followedUp(c, null);
                    return false;
                }
                return abandon(c, found.get(), Math.max(1, found.get().questionNumber()), now);
            });
            everyRowDone &= abandoned != null;
            tally.abandoned += Boolean.TRUE.equals(abandoned) ? 1 : 0;
        }
        return everyRowDone;
    }

    private boolean abandon(Idle c, ConversationSnapshot s, int question, Instant now) {
        abandonment.forEach(listener -> listener.abandoned(s));
        boolean changed = store.abandoned(c.triageId(), c.prospect().value(), c.step(), question, s.questionTotal(),
                now);
        if (changed) {
            cards.touch(c.triageId());
        }
        stored.followedUp(c, null);
        return changed;
    }

    // ---- decided, not booked -----------------------------------------------------------------------------------------

    /** Book outcomes old enough and not yet checked: flagged unless booked meanwhile; each is checked once. */
    private boolean nudges(List<BookOutcome> batch, Instant now, Tally tally) {
        Integer flagged = inTransaction(() -> {
            List<String> triageIds = batch.stream().map(BookOutcome::triageId).toList();
            Set<String> booked = store.booked(triageIds);
            Set<String> known = store.known(triageIds);
            List<Stop> flag = batch.stream()
                    .filter(due -> !booked.contains(due.triageId()) && !known.contains(due.triageId()))
                    .map(due -> new Stop(due.triageId(), due.prospect().value(), 0, 0, 0)).toList();
            if (!flag.isEmpty()) {
                store.decidedNotBookedNew(flag, now);
            }
            cards.touchAll(flag.stream().map(Stop::triageId).toList());
            stored.bookOutcomesChecked(triageIds);
            return flag.size();
        });
        if (flagged != null) {
            tally.notBooked += flagged;
            return true;
        }
        boolean everyRowDone = true;
        for (BookOutcome due : batch) {
            Boolean changed = inTransaction(() -> nudgeOne(due, now));
            everyRowDone &= changed != null;
            tally.notBooked += Boolean.TRUE.equals(changed) ? 1 : 0;
        }
        return everyRowDone;
    }

    private boolean nudgeOne(BookOutcome due, Instant now) {
        boolean booked = jdbc.queryForObject("SELECT COUNT(*) FROM lead_state WHERE triage_id = ? AND status = ?",
                Integer.class, due.triageId(), LeadState.Status.BOOKED.id()) > 0;
        boolean changed = !booked && store.decidedNotBooked(due.triageId(), due.prospect().value(), now);
        if (changed) {
            cards.touch(due.triageId());
        }
        stored.bookOutcomeChecked(due.triageId());
        return changed;
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    /**
     * Runs {@code work} in one short transaction. Work that fails (e.g. another scheduler won a race for a row) is
     * rolled back, logged and answered with null: its rows' follow-ups did not change, so the query finds them again.
     */
    private <T> T inTransaction(Supplier<T> work) {
        try {
            return tx.execute(status -> work.get());
        } catch (DataAccessException e) {
            log.warn("lifecycle rows were rolled back ({}); taken again one at a time or in the next pass",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /** The conversation as it stands, if it is still in progress at the step that was found due. */
    private Optional<ConversationSnapshot> stillIdle(Idle c) {
        return conversations.find(c.prospect()).filter(s -> stillAt(c, s));
    }

    /** {@link #stillIdle} from the conversations of a batch, read together. */
    private static Optional<ConversationSnapshot> stillIdle(Idle c, java.util.Map<String, ConversationSnapshot> current) {
        return Optional.ofNullable(current.get(c.prospect().value())).filter(s -> stillAt(c, s));
    }

    /** The batch's conversations as they stand, by prospect: a few statements for the whole batch. */
    private java.util.Map<String, ConversationSnapshot> current(List<Idle> batch) {
        java.util.Map<String, ConversationSnapshot> current = new java.util.HashMap<>();
        for (ConversationSnapshot s : conversations.findMany(batch.stream().map(Idle::prospect).toList())) {
            current.put(s.prospect().value(), s);
        }
        return current;
    }

    private static boolean stillAt(Idle c, ConversationSnapshot s) {
        return s.triageId().equals(c.triageId()) && s.step() == c.step() && inProgress(s.phase());
    }

    private static boolean inProgress(Phase phase) {
        return phase == Phase.ROUTING || phase == Phase.ASKING || phase == Phase.REVIEW;
    }
}
