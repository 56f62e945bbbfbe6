package com.discoverytriage.stats;

import com.discoverytriage.conversation.ConversationListener;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.lifecycle.ErasureParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code stats_triage} and {@code stats_question} current, in the transaction of each conversation change:
 * one row per triage (where it stands) and one per question it reached, the answer reduced to its class. A
 * triage replaced by Start over before its outcome is marked restarted, so a prospect who starts again is counted
 * once. Erased with the prospect.
 */
public class StatsRecorder implements ConversationListener, ErasureParticipant {

    /** The class of a reached question's answer, as stored in {@code stats_question.reply}. */
    enum ReplyClass {
        YES, NO, UNSURE, TEXT, SKIPPED, OPEN;

        String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final JdbcTemplate jdbc;
    private final DiagnosticCatalog catalog;
    private final MeterRegistry meters;

    public StatsRecorder(JdbcTemplate jdbc, DiagnosticCatalog catalog) {
        this(jdbc, catalog, null);
    }

    /** @param meters where {@code triage.started} and {@code triage.decided} are counted; null: nowhere */
    public StatsRecorder(JdbcTemplate jdbc, DiagnosticCatalog catalog, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.meters = meters;
    }

    @Override
    public void onChange(ConversationSnapshot s) {
        Long finished = s.phase() == Phase.DECIDED && s.finishedAt() != null ? s.finishedAt().toEpochMilli() : null;
        String kind = finished == null || s.evaluation() == null ? null : s.evaluation().outcome().kind().id();
        String outcome = finished == null || s.evaluation() == null ? null : s.evaluation().outcome().id();
        boolean cancelled = s.phase() == Phase.CANCELLED;
        long updated = millis(s.updatedAt());
        if (finished != null && meters != null && jdbc.update("UPDATE stats_triage SET finished_at = ?"
                + " WHERE triage_id = ? AND finished_at IS NULL", finished, s.triageId()) == 1) {
            meters.counter("triage.decided", "diagnostic", tag(s.diagnosticId()), "outcome_kind", tag(kind))
                    .increment();
        }
        int updatedRows = jdbc.update("UPDATE stats_triage SET diagnostic_id = ?, updated_at = ?, finished_at = ?,"
                        + " outcome_kind = ?, outcome_id = ?, question_number = ?, cancelled = ? WHERE triage_id = ?",
                s.diagnosticId(), updated, finished, kind, outcome, s.questionNumber(), cancelled, s.triageId());
        if (updatedRows == 0) {
            // a new triage of this prospect: an unfinished earlier one was left by Start over, not abandoned
            // (rows already marked are left alone: each Start over marks one row, not every earlier one again)
            jdbc.update("UPDATE stats_triage SET restarted = TRUE WHERE prospect_id = ? AND finished_at IS NULL"
                    + " AND restarted = FALSE", s.prospect().value());
            jdbc.update("INSERT INTO stats_triage (triage_id, prospect_id, diagnostic_id, started_at, updated_at,"
                            + " finished_at, outcome_kind, outcome_id, question_number, cancelled)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    s.triageId(), s.prospect().value(), s.diagnosticId(), millis(s.startedAt()), updated, finished,
                    kind, outcome, s.questionNumber(), cancelled);
            if (meters != null) {
                meters.counter("triage.started", "diagnostic", tag(s.diagnosticId())).increment();
            }
        }
        questions(s);
    }

    /**
     * Reached questions: every answered one, plus the one on screen. Compared with the rows stored for the triage,
     * and only the rows that differ are written: an answer changes one or two rows, whatever the number answered
     * before (rewriting them all cost several kilobytes of database work per row, on every answer).
     */
    private void questions(ConversationSnapshot s) {
        Map<String, StoredReply> stored = new HashMap<>();
        jdbc.query("SELECT question_id, question_number, reply FROM stats_question WHERE triage_id = ?",
                rs -> {
                    stored.put(rs.getString(1), new StoredReply(rs.getInt(2), rs.getString(3)));
                }, s.triageId());
        Diagnostic diagnostic = s.diagnosticId() == null ? null : catalog.find(s.diagnosticId()).orElse(null);
        List<Object[]> inserts = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        if (diagnostic != null) {
            Map<String, String> answers = s.answers().values();
            List<Question> questions = diagnostic.questions();
            for (int i = 0; i < questions.size(); i++) {
                Question q = questions.get(i);
                int number = i + 1;
                String value = answers.get(q.id());
                ReplyClass reply;
                if (value != null) {
                    reply = classOf(q, value);
                } else if ((s.phase() == Phase.ASKING || s.phase() == Phase.CANCELLED)
                        && s.questionNumber() == number) {
                    reply = ReplyClass.OPEN;
                } else {
                    continue;
                }
                StoredReply before = stored.remove(q.id());
                if (before == null) {
                    inserts.add(new Object[] {s.triageId(), q.id(), number, reply.id()});
                } else if (before.number() != number || !before.reply().equals(reply.id())) {
                    updates.add(new Object[] {number, reply.id(), s.triageId(), q.id()});
                }
            }
        }
        // what is left was reached before and is not now (Back from an unanswered question, another diagnostic)
        List<Object[]> deletes = new ArrayList<>();
        stored.keySet().forEach(question -> deletes.add(new Object[] {s.triageId(), question}));
        if (!deletes.isEmpty()) {
            jdbc.batchUpdate("DELETE FROM stats_question WHERE triage_id = ? AND question_id = ?", deletes);
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE stats_question SET question_number = ?, reply = ?"
                    + " WHERE triage_id = ? AND question_id = ?", updates);
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO stats_question (triage_id, question_id, question_number, reply)"
                    + " VALUES (?, ?, ?, ?)", inserts);
        }
    }

    private record StoredReply(int number, String reply) {
    }

    static ReplyClass classOf(Question question, String value) {
        if (question.kind() == QuestionKind.TEXT) {
            return value.isBlank() ? ReplyClass.SKIPPED : ReplyClass.TEXT;
        }
        return Reply.parse(value).map(r -> switch (r) {
            case YES -> ReplyClass.YES;
            case NO -> ReplyClass.NO;
            case UNSURE -> ReplyClass.UNSURE;
        }).orElse(ReplyClass.SKIPPED);
    }

    @Override
    public void erase(ProspectId prospect) {
        jdbc.update("DELETE FROM stats_question WHERE triage_id IN"
                + " (SELECT triage_id FROM stats_triage WHERE prospect_id = ?)", prospect.value());
        jdbc.update("DELETE FROM stats_triage WHERE prospect_id = ?", prospect.value());
    }

    /** The daily retention purge: triages untouched since the cutoff go, as their conversations do. */
    @Override
    public void purgeBefore(Instant cutoff) {
        purge(cutoff);
    }

    /** Drops what is older than the retention period (by last change); answers how many triages. */
    public int purge(Instant before) {
        long cutoff = before.toEpochMilli();
        jdbc.update("DELETE FROM stats_question WHERE triage_id IN"
                + " (SELECT triage_id FROM stats_triage WHERE updated_at < ?)", cutoff);
        return jdbc.update("DELETE FROM stats_triage WHERE updated_at < ?", cutoff);
    }

    /** Diagnostic ids and outcome kinds come from the conversation files: a small, fixed set of values. */
    private static String tag(String value) {
        return value == null ? "none" : value;
    }

    private static long millis(Instant instant) {
        return instant == null ? System.currentTimeMillis() : instant.toEpochMilli();
    }
}
