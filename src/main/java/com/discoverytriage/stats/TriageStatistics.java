package com.discoverytriage.stats;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Computes {@link TriageStats} with aggregate SQL over {@code stats_triage} and {@code stats_question} (plus the
 * lead's status and calendar stage): the database does the counting, so a year of triages is a handful of result
 * rows, never a year of rows in memory.
 */
public class TriageStatistics {

    /**
     * Replaced by Start over before its outcome: not decided, and the prospect has a later triage (a larger progress
     * id: ids are handed out in order, and a prospect's triages start one after the other). Rows recorded before
     * V70 were marked when their successor started ({@code t.restarted}); a later triage of theirs has replies.
     */
    private static final String RESTARTED = "(t.restarted = TRUE OR (p.finished_at IS NULL AND EXISTS (SELECT 1"
            + " FROM stats_triage n JOIN stats_progress np ON np.id = n.progress_id WHERE n.prospect_id = t.prospect_id"
            + " AND n.progress_id > t.progress_id AND np.replies IS NOT NULL)))";
    /** Where a triage counts: started in the period, not replaced by Start over, of the diagnostic if one is given. */
    private static final String PERIOD = " NOT " + RESTARTED + " AND t.started_at >= ? AND t.started_at < ?";
    /** Not decided, and given up: cancelled, or idle since before the expiry cutoff (the first parameter). */
    private static final String ABANDONED = "p.finished_at IS NULL AND (p.cancelled = TRUE OR p.updated_at < ?)";
    /** A triage's row and its progress (where it stands, its outcome, its replies). */
    private static final String TRIAGES = "stats_triage t JOIN stats_progress p ON p.id = t.progress_id";

    private final JdbcTemplate jdbc;
    private final DiagnosticCatalog catalog;
    private final Clock clock;
    private final Duration expireAfter;

    public TriageStatistics(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock, Duration expireAfter) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.clock = clock;
        this.expireAfter = expireAfter;
    }

    public TriageStats compute(StatsPeriod period) {
        if (period.diagnosticId() != null) {
            catalog.require(period.diagnosticId());
        }
        Instant asOf = clock.instant();
        long cutoff = asOf.minus(expireAfter).toEpochMilli();
        List<Object> where = new ArrayList<>(List.of(period.since().toEpochMilli(), period.until().toEpochMilli()));
        String filter = PERIOD;
        if (period.diagnosticId() != null) {
            filter += " AND p.diagnostic_id = ?";
            where.add(period.diagnosticId());
        }

        List<Object> totalsParams = new ArrayList<>(List.of(cutoff));
        totalsParams.addAll(where);
        long[] totals = jdbc.queryForObject("""
                SELECT COUNT(*),
                       COUNT(p.finished_at),
                       SUM(CASE WHEN %s THEN 1 ELSE 0 END),
                       SUM(CASE WHEN p.outcome_kind = 'book' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN p.outcome_kind = 'book' AND l.stage = 'booked' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.talk_anyway = TRUE THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.override_at IS NOT NULL THEN 1 ELSE 0 END)
                FROM %s
                LEFT JOIN lead_state s ON s.triage_id = t.triage_id
                LEFT JOIN lead_lifecycle l ON l.triage_id = t.triage_id
                WHERE %s""".formatted(ABANDONED, TRIAGES, filter), (rs, n) -> {
                    long[] v = new long[7];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getLong(i + 1);
                    }
                    return v;
                }, totalsParams.toArray());

        List<OutcomeCount> outcomes = jdbc.query("""
                SELECT p.diagnostic_id, p.outcome_kind, p.outcome_id, COUNT(*) FROM %s
                WHERE p.finished_at IS NOT NULL AND %s
                GROUP BY p.diagnostic_id, p.outcome_kind, p.outcome_id
                ORDER BY COUNT(*) DESC, p.diagnostic_id, p.outcome_id""".formatted(TRIAGES, filter),
                (rs, n) -> new OutcomeCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                where.toArray());

        // nearest-rank percentiles of (finished - started): the same SQL on H2 and PostgreSQL
        Duration[] times = jdbc.queryForObject("""
                SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY p.finished_at - t.started_at),
                       PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY p.finished_at - t.started_at)
                FROM %s WHERE p.finished_at IS NOT NULL AND %s""".formatted(TRIAGES, filter),
                (rs, n) -> new Duration[] {millis(rs.getObject(1)), millis(rs.getObject(2))}, where.toArray());

        List<Object> funnelParams = new ArrayList<>(List.of(cutoff));
        funnelParams.addAll(where);
        Map<String, QuestionFigures> stored = new HashMap<>();
        // triages recorded before the replies were kept in stats_progress (V70): one stats_question row per reached
        // question, counted by the database
        jdbc.query("""
                SELECT p.diagnostic_id, q.question_id, q.question_number, COUNT(*),
                       SUM(CASE WHEN %s AND p.question_number = q.question_number THEN 1 ELSE 0 END),
                       SUM(CASE WHEN q.reply IN ('yes', 'no', 'unsure') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN q.reply = 'unsure' THEN 1 ELSE 0 END)
                FROM stats_question q JOIN %s ON t.triage_id = q.triage_id
                WHERE p.replies IS NULL AND %s
                GROUP BY p.diagnostic_id, q.question_id, q.question_number""".formatted(ABANDONED, TRIAGES, filter),
                rs -> {
                    add(stored, new QuestionFigures(rs.getString(1), rs.getInt(3), rs.getString(2), null,
                            rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)));
                }, funnelParams.toArray());
        // every later triage: its replies, one character per question, counted here as the rows stream by (one
        // triage's row at a time in memory, never the period's)
        Map<String, List<String>> lists = questionLists();
        jdbc.query("""
                SELECT p.diagnostic_id, p.diagnostic_version, p.question_number, p.replies,
                       CASE WHEN %s THEN 1 ELSE 0 END
                FROM %s
                WHERE p.replies IS NOT NULL AND p.diagnostic_id IS NOT NULL AND %s""".formatted(ABANDONED, TRIAGES,
                filter), rs -> {
                    String diagnosticId = rs.getString(1);
                    List<String> ids = lists.get(diagnosticId + "/" + rs.getString(2));
                    if (ids == null) {
                        ids = catalog.find(diagnosticId).map(TriageStatistics::ids).orElse(List.of());
                    }
                    int onScreen = rs.getInt(3);
                    String replies = rs.getString(4);
                    boolean abandoned = rs.getInt(5) == 1;
                    for (int i = 0; i < replies.length() && i < ids.size(); i++) {
                        char reply = replies.charAt(i);
                        if (QuestionPositions.reached(reply)) {
                            add(stored, new QuestionFigures(diagnosticId, i + 1, ids.get(i), null, 1,
                                    abandoned && onScreen == i + 1 ? 1 : 0, QuestionPositions.answered(reply) ? 1 : 0,
                                    reply == QuestionPositions.UNSURE ? 1 : 0));
                        }
                    }
                }, funnelParams.toArray());

        List<QuestionFigures> questions = new ArrayList<>();
        for (Diagnostic diagnostic : catalog.diagnostics()) {
            if (period.diagnosticId() != null && !period.diagnosticId().equals(diagnostic.id())) {
                continue;
            }
            boolean any = stored.keySet().stream().anyMatch(k -> k.startsWith(diagnostic.id() + "/"));
            if (period.diagnosticId() == null && !any) {
                continue;
            }
            List<Question> list = diagnostic.questions();
            for (int i = 0; i < list.size(); i++) {
                Question q = list.get(i);
                QuestionFigures f = stored.get(diagnostic.id() + "/" + q.id());
                questions.add(new QuestionFigures(diagnostic.id(), i + 1, q.id(), q.kind().id(),
                        f == null ? 0 : f.reached(), f == null ? 0 : f.dropped(), f == null ? 0 : f.answered(),
                        f == null ? 0 : f.unsure()));
            }
        }

        int started = (int) totals[0];
        int finished = (int) totals[1];
        int abandoned = (int) totals[2];
        return new TriageStats(period, started, finished, abandoned, started - finished - abandoned, outcomes,
                (int) totals[3], (int) totals[4], (int) totals[5], (int) totals[6], times[0], times[1], questions,
                asOf);
    }

    private static void add(Map<String, QuestionFigures> stored, QuestionFigures row) {
        stored.merge(row.diagnosticId() + "/" + row.questionId(), row, TriageStatistics::sum);
    }

    /** The question ids of every diagnostic version that wrote replies, by "diagnostic/version". */
    private Map<String, List<String>> questionLists() {
        Map<String, List<String>> lists = new HashMap<>();
        jdbc.query("SELECT diagnostic_id, diagnostic_version, question_ids FROM stats_question_list", rs -> {
            lists.put(rs.getString(1) + "/" + rs.getString(2),
                    List.of(rs.getString(3).split(QuestionPositions.SEPARATOR, -1)));
        });
        for (Diagnostic diagnostic : catalog.diagnostics()) {
            lists.put(diagnostic.id() + "/" + diagnostic.version(), ids(diagnostic));
        }
        return lists;
    }

    private static List<String> ids(Diagnostic diagnostic) {
        return diagnostic.questions().stream().map(Question::id).toList();
    }

    /** A question stored under another number (the file changed in between) is still one question. */
    private static QuestionFigures sum(QuestionFigures a, QuestionFigures b) {
        return new QuestionFigures(a.diagnosticId(), a.number(), a.questionId(), a.kind(), a.reached() + b.reached(),
                a.dropped() + b.dropped(), a.answered() + b.answered(), a.unsure() + b.unsure());
    }

    private static Duration millis(Object value) {
        return value == null ? null : Duration.ofMillis(((Number) value).longValue());
    }
}
