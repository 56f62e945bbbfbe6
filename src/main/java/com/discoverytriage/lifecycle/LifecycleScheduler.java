package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.SummaryOutbox;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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

    private int[] stalls(Instant now) {
        int stalled = 0;
        int reminded = 0;
        int abandoned = 0;
        for (StoredConversations.Idle c : idle(now.minus(properties.reminderAfter()))) {
            Optional<ConversationSnapshot> found = conversations.find(c.prospect())
                    .filter(s -> s.triageId().equals(c.triageId()) && s.step() == c.step() && inProgress(s.phase()));
            if (found.isEmpty()) {
                continue;
            }
            ConversationSnapshot s = found.get();
            int question = Math.max(1, s.questionNumber());
            if (!s.updatedAt().isAfter(now.minus(properties.expireAfter()))) {
                if (store.abandoned(c.triageId(), c.prospect().value(), c.step(), question, s.questionTotal(), now)) {
                    abandoned++;
                    cards.touch(c.triageId());
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
        }
        return new int[] {stalled, reminded, abandoned};
    }

    /**
     * Idle conversations not yet given up on, oldest first, at most {@link #BATCH}: an abandoned conversation stays
     * idle until the prospect acts or it is purged, so it must not take the place of a new stall.
     */
    private List<StoredConversations.Idle> idle(Instant before) {
        List<StoredConversations.Idle> due = new ArrayList<>();
        StoredConversations.Idle after = null;
        List<StoredConversations.Idle> page;
        do {
            page = stored.idle(before, after, BATCH);
            for (StoredConversations.Idle c : page) {
                if (due.size() < BATCH && !store.abandonedAt(c.triageId(), c.step())) {
                    due.add(c);
                }
            }
            after = page.isEmpty() ? null : page.get(page.size() - 1);
        } while (page.size() == BATCH && due.size() < BATCH);
        return due;
    }

    private ProspectNotifier.Result remind(ConversationSnapshot s, int question) {
        try {
            return notifier.remind(s.prospect(), question, s.questionTotal());
        } catch (RuntimeException e) {
            log.warn("a stall reminder failed ({}); it is not tried again", e.getClass().getSimpleName());
            return ProspectNotifier.Result.FAILED;
        }
    }

    private int nudges(Instant now) {
        Instant decidedBefore = now.minus(properties.bookingNudgeAfter());
        List<String[]> due = jdbc.query("SELECT f.triage_id, f.prospect_id FROM finished_triage f"
                + " WHERE f.outcome_kind = ? AND f.finished_at < ?"
                + " AND NOT EXISTS (SELECT 1 FROM lead_lifecycle l WHERE l.triage_id = f.triage_id)"
                + " AND NOT EXISTS (SELECT 1 FROM lead_state s WHERE s.triage_id = f.triage_id AND s.status = ?)"
                + " ORDER BY f.finished_at", (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                OutcomeKind.BOOK.id(), decidedBefore.atOffset(ZoneOffset.UTC), LeadState.Status.BOOKED.id())
                .stream().limit(BATCH).toList();
        int nudged = 0;
        for (String[] row : due) {
            if (store.decidedNotBooked(row[0], row[1], now)) {
                nudged++;
                cards.touch(row[0]);
            }
        }
        return nudged;
    }

    private static boolean inProgress(Phase phase) {
        return phase == Phase.ROUTING || phase == Phase.ASKING || phase == Phase.REVIEW;
    }
}
