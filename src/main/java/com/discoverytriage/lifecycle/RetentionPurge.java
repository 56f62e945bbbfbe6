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
    static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final StoredConversations conversations;
    private final Erasure erasure;
    private final TransactionTemplate tx;
    private final Duration retention;
    private final java.util.List<ErasureParticipant> participants;
    private volatile Duration longestBatch = Duration.ZERO;

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

    /**
     * Purges now, whatever the last run: {@link #BATCH} triages at a time, each batch in its own short transaction
     * found through the date indexes, so no lock is held for long and a crash loses at most one batch's work.
     */
    public int purge(Instant now) {
        Instant cutoff = now.minus(retention);
        int purged = 0;
        int batches = 0;
        long longest = 0;
        int batch;
        do {
            long started = System.nanoTime();
            Integer done = tx.execute(status -> {
                Set<String> triageIds = conversations.purge(cutoff, BATCH);
                erasure.eraseTriages(triageIds, Stage.PURGED, now);
                return triageIds.size();
            });
            batch = done == null ? 0 : done;
            purged += batch;
            batches++;
            longest = Math.max(longest, System.nanoTime() - started);
        } while (batch > 0);
        longestBatch = Duration.ofNanos(longest);
        // what other features keep about old triages (their own tables, their own indexes): each participant batches
        // its own deletes, each batch in its own short transaction (see ErasureParticipant.purgeBefore)
        participants.forEach(p -> p.purgeBefore(cutoff));
        while (Integer.valueOf(BATCH).equals(tx.execute(status -> erasure.dropDeliveredBlanks(BATCH)))) {
            // another batch of emptied cards to drop
        }
        while (jdbc.update("DELETE FROM booking_webhook_receipt WHERE receipt_key IN (SELECT receipt_key FROM"
                + " booking_webhook_receipt WHERE received_at < ? ORDER BY received_at LIMIT ?) AND received_at < ?",
                now.minus(RECEIPTS_KEPT).toEpochMilli(), BATCH, now.minus(RECEIPTS_KEPT).toEpochMilli()) >= BATCH) {
            // another batch of old receipts
        }
        if (purged > 0) {
            log.info("retention: {} triages older than {} days purged in {} transactions, the longest {} ms", purged,
                    retention.toDays(), batches, longestBatch.toMillis());
        }
        return purged;
    }

    /** How long the longest transaction of the last purge took: how long it held its locks at most. */
    public Duration longestBatch() {
        return longestBatch;
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
