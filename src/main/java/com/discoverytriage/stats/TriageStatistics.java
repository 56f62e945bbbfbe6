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

    /** Where a triage counts: started in the period, not replaced by Start over, of the diagnostic if one is given. */
    private static final String PERIOD = " t.restarted = FALSE AND t.started_at >= ? AND t.started_at < ?";
    /** Not decided, and given up: cancelled, or idle since before the expiry cutoff (the first parameter). */
    private static final String ABANDONED = "t.finished_at IS NULL AND (t.cancelled = TRUE OR t.updated_at < ?)";

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
            filter += " AND t.diagnostic_id = ?";
            where.add(period.diagnosticId());
        }

        List<Object> totalsParams = new ArrayList<>(List.of(cutoff));
        totalsParams.addAll(where);
        long[] totals = jdbc.queryForObject("""
                SELECT COUNT(*),
                       COUNT(t.finished_at),
                       SUM(CASE WHEN %s THEN 1 ELSE 0 END),
                       SUM(CASE WHEN t.outcome_kind = 'book' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN t.outcome_kind = 'book' AND l.stage = 'booked' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.talk_anyway = TRUE THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.override_at IS NOT NULL THEN 1 ELSE 0 END)
                FROM stats_triage t
                LEFT JOIN lead_state s ON s.triage_id = t.triage_id
                LEFT JOIN lead_lifecycle l ON l.triage_id = t.triage_id
                WHERE %s""".formatted(ABANDONED, filter), (rs, n) -> {
                    long[] v = new long[7];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getLong(i + 1);
                    }
                    return v;
                }, totalsParams.toArray());

        List<OutcomeCount> outcomes = jdbc.query("""
                SELECT t.diagnostic_id, t.outcome_kind, t.outcome_id, COUNT(*) FROM stats_triage t
                WHERE t.finished_at IS NOT NULL AND %s
                GROUP BY t.diagnostic_id, t.outcome_kind, t.outcome_id
                ORDER BY COUNT(*) DESC, t.diagnostic_id, t.outcome_id""".formatted(filter),
                (rs, n) -> new OutcomeCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                where.toArray());

        // nearest-rank percentiles of (finished - started): the same SQL on H2 and PostgreSQL
        Duration[] times = jdbc.queryForObject("""
                SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY t.finished_at - t.started_at),
                       PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY t.finished_at - t.started_at)
                FROM stats_triage t WHERE t.finished_at IS NOT NULL AND %s""".formatted(filter),
                (rs, n) -> new Duration[] {millis(rs.getObject(1)), millis(rs.getObject(2))}, where.toArray());

        List<Object> funnelParams = new ArrayList<>(List.of(cutoff));
        funnelParams.addAll(where);
        Map<String, QuestionFigures> stored = new HashMap<>();
        jdbc.query("""
                SELECT t.diagnostic_id, q.question_id, q.question_number, COUNT(*),
                       SUM(CASE WHEN %s AND t.question_number = q.question_number THEN 1 ELSE 0 END),
                       SUM(CASE WHEN q.reply IN ('yes', 'no', 'unsure') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN q.reply = 'unsure' THEN 1 ELSE 0 END)
                FROM stats_question q JOIN stats_triage t ON t.triage_id = q.triage_id
                WHERE %s
                GROUP BY t.diagnostic_id, q.question_id, q.question_number""".formatted(ABANDONED, filter), rs -> {
                    String key = rs.getString(1) + "/" + rs.getString(2);
                    QuestionFigures before = stored.get(key);
                    QuestionFigures row = new QuestionFigures(rs.getString(1), rs.getInt(3), rs.getString(2), null,
                            rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7));
                    stored.put(key, before == null ? row : sum(before, row));
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

    /** A question stored under another number (the file changed in between) is still one question. */
    private static QuestionFigures sum(QuestionFigures a, QuestionFigures b) {
        return new QuestionFigures(a.diagnosticId(), a.number(), a.questionId(), a.kind(), a.reached() + b.reached(),
                a.dropped() + b.dropped(), a.answered() + b.answered(), a.unsure() + b.unsure());
    }

    private static Duration millis(Object value) {
        return value == null ? null : Duration.ofMillis(((Number) value).longValue());
    }
}
