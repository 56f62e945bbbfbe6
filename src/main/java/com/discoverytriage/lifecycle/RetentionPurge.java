package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Once a day (the last run is stored, so restarts do not reset the day): finished triages older than
 * {@code triage.retention-days}, conversations untouched for as long, and everything tied to them are deleted;
 * their posted cards are emptied ("removed after the retention period"). Webhook receipts are kept 30 days.
 */
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    static final String JOB = "retention";
    static final Duration EVERY = Duration.ofDays(1);
    static final Duration RECEIPTS_KEPT = Duration.ofDays(30);

    private final JdbcTemplate jdbc;
    private final StoredConversations conversations;
    private final Erasure erasure;
    private final TransactionTemplate tx;
    private final Duration retention;
    private final java.util.List<ErasureParticipant> participants;

    RetentionPurge(JdbcTemplate jdbc, StoredConversations conversations, Erasure erasure, TransactionTemplate tx,
            Duration retention) {
        this(jdbc, conversations, erasure, tx, retention, java.util.List.of());
    }

    RetentionPurge(JdbcTemplate jdbc, StoredConversations conversations, Erasure erasure, TransactionTemplate tx,
            Duration retention, java.util.List<ErasureParticipant> participants) {
        this.participants = java.util.List.copyOf(participants);
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.erasure = erasure;
        this.tx = tx;
        this.retention = retention;
    }

    /** Runs the purge if a day has passed since the last run; answers how many triages were purged. */
    public int runIfDue(Instant now) {
        Long last = jdbc.query("SELECT last_run_at FROM lifecycle_job WHERE job = ?",
                (rs, n) -> rs.getLong(1), JOB).stream().findFirst().orElse(null);
        if (last != null && now.toEpochMilli() - last < EVERY.toMillis()) {
            return 0;
        }
        boolean claimed = last == null
                ? insertRun(now)
                : jdbc.update("UPDATE lifecycle_job SET last_run_at = ? WHERE job = ? AND last_run_at = ?",
                        now.toEpochMilli(), JOB, last) == 1;
        return claimed ? purge(now) : 0;
    }

    /** Purges now, whatever the last run. */
    public int purge(Instant now) {
        Integer purged = tx.execute(status -> {
            Set<String> triageIds = conversations.purge(now.minus(retention));
            erasure.eraseTriages(triageIds, Stage.PURGED, now);
            erasure.dropDeliveredBlanks();
            participants.forEach(p -> p.purgeBefore(now.minus(retention)));
            jdbc.update("DELETE FROM booking_webhook_receipt WHERE received_at < ?",
                    now.minus(RECEIPTS_KEPT).toEpochMilli());
            return triageIds.size();
        });
        if (purged != null && purged > 0) {
            log.info("retention: {} triages older than {} days purged", purged, retention.toDays());
        }
        return purged == null ? 0 : purged;
    }

    private boolean insertRun(Instant now) {
        try {
            jdbc.update("INSERT INTO lifecycle_job (job, last_run_at) VALUES (?, ?)", JOB, now.toEpochMilli());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
