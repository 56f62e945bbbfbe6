package com.discoverytriage.summary;

import com.discoverytriage.conversation.ConversationListener;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * The consultant's cards, written to the database first: one row per triage holding the latest summary, written
 * in the transaction of the conversation change (as a {@link ConversationListener}), and read by the delivery
 * loop of the transport.
 */
public class SummaryOutbox implements ConversationListener {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static final String SELECT_ROW = "SELECT triage_id, prospect_id, summary_json, revision,"
            + " delivered_revision, channel_id, message_id, attempts FROM summary_outbox";
    private static final RowMapper<OutboxRow> ROW = (rs, n) -> new OutboxRow(rs.getString(1), rs.getString(2),
            fromJson(rs.getString(3)), rs.getLong(4), rs.getLong(5), rs.getString(6), rs.getString(7), rs.getInt(8));

    private final JdbcTemplate jdbc;
    private final TriageSummaries summaries;
    private final Clock clock;

    public SummaryOutbox(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock) {
        this(jdbc, new TriageSummaries(catalog), clock);
    }

    SummaryOutbox(JdbcTemplate jdbc, TriageSummaries summaries, Clock clock) {
        this.jdbc = jdbc;
        this.summaries = summaries;
        this.clock = clock;
    }

    @Override
    public void onChange(ConversationSnapshot snapshot) {
        record(summaries.of(snapshot));
    }

    /** Stores the latest summary of a triage and marks its card for delivery. */
    public void record(TriageSummary summary) {
        String json = toJson(summary);
        long now = clock.millis();
        int updated = jdbc.update("UPDATE summary_outbox SET summary_json = ?, revision = revision + 1, attempts = 0,"
                + " next_attempt_at = ?, updated_at = ? WHERE triage_id = ?", json, now, now, summary.triageId());
        if (updated == 0) {
            jdbc.update("INSERT INTO summary_outbox (triage_id, prospect_id, summary_json, revision, delivered_revision,"
                    + " attempts, next_attempt_at, updated_at) VALUES (?, ?, ?, 1, 0, 0, ?, ?)",
                    summary.triageId(), summary.prospectId(), json, now, now);
        }
    }

    /** {@link #record} for many summaries of existing cards, in one JDBC batch (the retention purge's blanks). */
    public void recordAll(List<TriageSummary> summaries) {
        long now = clock.millis();
        int[] updated = jdbc.batchUpdate("UPDATE summary_outbox SET summary_json = ?, revision = revision + 1,"
                + " attempts = 0, next_attempt_at = ?, updated_at = ? WHERE triage_id = ?", summaries.stream()
                        .map(s -> new Object[] {toJson(s), now, now, s.triageId()}).toList());
        for (int i = 0; i < summaries.size(); i++) {
            if (updated[i] == 0) {
                record(summaries.get(i));
            }
        }
    }

    /** Marks a card for delivery again (its lead state changed). */
    public void touch(String triageId) {
        long now = clock.millis();
        jdbc.update("UPDATE summary_outbox SET revision = revision + 1, attempts = 0, next_attempt_at = ?, updated_at = ?"
                + " WHERE triage_id = ?", now, now, triageId);
    }

    /** {@link #touch} for many cards: one statement per 500. */
    public void touchAll(java.util.Collection<String> triageIds) {
        long now = clock.millis();
        List<String> ids = List.copyOf(triageIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Object> params = new ArrayList<>(List.of(now, now));
            params.addAll(chunk);
            jdbc.update("UPDATE summary_outbox SET revision = revision + 1, attempts = 0, next_attempt_at = ?,"
                    + " updated_at = ? WHERE triage_id IN (" + String.join(", ", java.util.Collections.nCopies(
                            chunk.size(), "?")) + ")", params.toArray());
        }
    }

    /**
     * Cards with undelivered changes whose next attempt is due, oldest first, at most {@code limit} (in SQL); a
     * delivered card has no next attempt, so the index on it skips every delivered card.
     */
    public List<OutboxRow> due(int limit) {
        // the lower bound matters: H2 keeps NULLs first in the index and would walk every delivered card to reach
        // the due ones from an open-ended "<= ?"
        return jdbc.query(SELECT_ROW + " WHERE next_attempt_at BETWEEN 0 AND ? AND revision > delivered_revision"
                + " ORDER BY next_attempt_at, triage_id LIMIT ?", ROW, clock.millis(), limit);
    }

    /**
     * Claims up to {@code limit} due cards for {@code lease}, so that no other instance on the same database
     * delivers them meanwhile (a conditional update per row: portable, and a dead instance's claim runs out). The
     * claim ends with {@link #posted}, {@link #edited}, {@link #failed} or {@link #forgetMessage}.
     */
    public List<OutboxRow> claim(int limit, java.time.Duration lease) {
        long now = clock.millis();
        List<OutboxRow> claimed = new ArrayList<>();
        // the due index's own range (a delivered card has no next attempt) with LIMIT in SQL, as in due()
        List<String> candidates = jdbc.queryForList("SELECT triage_id FROM summary_outbox"
                + " WHERE next_attempt_at BETWEEN 0 AND ? AND revision > delivered_revision"
                + " AND (claimed_until IS NULL OR claimed_until < ?)"
                + " ORDER BY next_attempt_at, triage_id LIMIT ?", String.class, now, now, limit * 4);
        for (String triageId : candidates) {
            if (claimed.size() >= limit) {
                break;
            }
            if (jdbc.update("UPDATE summary_outbox SET claimed_until = ? WHERE triage_id = ?"
                    + " AND revision > delivered_revision AND (claimed_until IS NULL OR claimed_until < ?)",
                    now + lease.toMillis(), triageId, now) == 1) {
                find(triageId).ifPresent(claimed::add);
            }
        }
        return claimed;
    }

    public Optional<OutboxRow> find(String triageId) {
        return jdbc.query(SELECT_ROW + " WHERE triage_id = ?", ROW, triageId).stream().findFirst();
    }

    /** The card was posted: remember where, once. */
    public void posted(String triageId, String channelId, String messageId, long revision) {
        jdbc.update("UPDATE summary_outbox SET channel_id = ?, message_id = ?, delivered_revision = ?, attempts = 0,"
                + " last_error = NULL, next_attempt_at = CASE WHEN revision <= ? THEN NULL ELSE next_attempt_at END"
                + " WHERE triage_id = ? AND message_id IS NULL", channelId, messageId, revision, revision, triageId);
        release(triageId);
    }

    /** The card was edited up to {@code revision}. */
    public void edited(String triageId, long revision) {
        jdbc.update("UPDATE summary_outbox SET delivered_revision = ?, attempts = 0, last_error = NULL,"
                + " next_attempt_at = CASE WHEN revision <= ? THEN NULL ELSE next_attempt_at END"
                + " WHERE triage_id = ? AND delivered_revision < ?", revision, revision, triageId, revision);
        release(triageId);
    }

    /** The posted card is gone (deleted in Discord): post it again. */
    public void forgetMessage(String triageId) {
        jdbc.update("UPDATE summary_outbox SET message_id = NULL, channel_id = NULL, post_started_at = NULL,"
                + " claimed_until = NULL WHERE triage_id = ?", triageId);
    }

    /** A first post of the card is about to be sent: remembered, in case its answer is lost. */
    public void postStarting(String triageId) {
        jdbc.update("UPDATE summary_outbox SET post_started_at = ? WHERE triage_id = ? AND message_id IS NULL",
                clock.millis(), triageId);
    }

    /** Whether a post of this not-yet-posted card was sent before (it may have reached Discord). */
    public boolean postStarted(String triageId) {
        return Boolean.TRUE.equals(jdbc.query("SELECT post_started_at FROM summary_outbox WHERE triage_id = ?",
                (rs, n) -> rs.getObject(1) != null, triageId).stream().findFirst().orElse(false));
    }

    /** Delivery failed: try again at {@code nextAttemptAt} (epoch millis). */
    public void failed(String triageId, String error, long nextAttemptAt) {
        jdbc.update("UPDATE summary_outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?,"
                + " claimed_until = NULL WHERE triage_id = ?", nextAttemptAt, error.length() > 200 ? error.substring(0, 200) : error, triageId);
    }

    /** Ends this instance's claim on a card (delivered, or given up for now). */
    public void release(String triageId) {
        jdbc.update("UPDATE summary_outbox SET claimed_until = NULL WHERE triage_id = ?", triageId);
    }

    static String toJson(TriageSummary summary) {
        try {
            return JSON.writeValueAsString(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the summary of triage " + summary.triageId(), e);
        }
    }

    static TriageSummary fromJson(String json) {
        try {
            return JSON.readValue(json, TriageSummary.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored summary", e);
        }
    }
}
