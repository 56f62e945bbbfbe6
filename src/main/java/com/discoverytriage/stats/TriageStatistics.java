package com.discoverytriage.stats;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Computes {@link TriageStats} over {@code stats_triage} and {@code stats_progress} (plus the lead's status and
 * calendar stage): aggregate SQL for the counts, outcomes and times, so a year of triages is a handful of result
 * rows; the funnel streams one row per triage (the replies, one character per question) and counts as it goes. An
 * open triage its prospect's conversation still carries, and that the lifecycle has not given up, is read where it
 * stands from the conversation (only its start, outcome, cancel and abandonment are written to the progress row; its
 * answers are not, on every answer). During a rolling deploy, a triage an instance of the previous version changed
 * last is read from the columns that version writes in {@code stats_triage} and from {@code stats_question}.
 */
public class TriageStatistics {

    /**
     * The previous version's columns of {@code stats_triage} are the latest word on the triage: no progress row (an
     * instance of the previous version started it during a rolling deploy), or that version changed the triage after
     * this one last wrote its progress row (this version writes {@code t.updated_at} only when the triage starts, the
     * previous one on every change). Its reached questions are then in {@code stats_question}, as before V70.
     */
    private static final String PREVIOUS = "(p.id IS NULL OR t.updated_at > p.updated_at)";
    /** Where the triage stands: from its progress row, or from the previous version's columns (see PREVIOUS). */
    private static final String DIAGNOSTIC = latest("diagnostic_id");
    private static final String FINISHED = latest("finished_at");
    private static final String KIND = latest("outcome_kind");
    private static final String OUTCOME = latest("outcome_id");
    private static final String QUESTION = latest("question_number");
    private static final String CANCELLED = latest("cancelled");
    private static final String UPDATED = latest("updated_at");
    /** One character per question, or NULL: the reached questions are in {@code stats_question}. */
    private static final String REPLIES = "CASE WHEN " + PREVIOUS + " THEN NULL ELSE p.replies END";
    private static final String VERSION = "CASE WHEN " + PREVIOUS + " THEN NULL ELSE p.diagnostic_version END";
    /**
     * Replaced by Start over before its outcome: not decided, and the prospect has a later triage (a larger progress
     * id: ids are handed out in order, and a prospect's triages start one after the other; or, when either has no
     * progress row because the previous version started it during a rolling deploy, a later start). Rows recorded
     * before V70 (no replies) were marked when their successor started ({@code t.restarted}); a later triage of
     * theirs has replies. The mark is not read on rows this version keeps: an instance of the previous version may
     * still set it during a rolling deploy, from columns this version does not keep current.
     */
    private static final String RESTARTED = "((t.restarted = TRUE AND (" + REPLIES + ") IS NULL) OR ((" + FINISHED
            + ") IS NULL AND EXISTS (SELECT 1 FROM stats_triage n LEFT JOIN stats_progress np ON np.id = n.progress_id"
            + " WHERE n.prospect_id = t.prospect_id AND ((n.progress_id > t.progress_id AND np.replies IS NOT NULL)"
            + " OR ((n.progress_id IS NULL OR t.progress_id IS NULL) AND n.started_at > t.started_at)))))";
    /** Where a triage counts: started in the period, not replaced by Start over, of the diagnostic if one is given. */
    private static final String PERIOD = " NOT " + RESTARTED + " AND t.started_at >= ? AND t.started_at < ?";
    /**
     * Not decided, and given up: cancelled, or idle since before the expiry cutoff (the parameters: the cutoff as a
     * timestamp, then in epoch milliseconds). A triage its prospect's conversation still carries was last changed
     * when the conversation was: its progress row is not rewritten on every answer (see {@link StatsRecorder}).
     */
    private static final String ABANDONED = "(" + FINISHED + ") IS NULL AND ((" + CANCELLED + ") = TRUE"
            + " OR (c.prospect_id IS NOT NULL AND c.updated_at < ?) OR (c.prospect_id IS NULL AND (" + UPDATED
            + ") < ?))";
    /** A triage's row and its progress row if it has one (see PREVIOUS). */
    private static final String SETTLED = "stats_triage t LEFT JOIN stats_progress p ON p.id = t.progress_id";
    /** The same, with the conversation that still carries the triage, if any. */
    private static final String TRIAGES = SETTLED + " LEFT JOIN conversation c ON c.triage_id = t.triage_id";
    /**
     * Still its prospect's conversation, open (no outcome, not cancelled), and not given up by the lifecycle (which
     * clears {@code follow_up} once it is done with the conversation, having written where the triage stood into
     * its progress row: see {@link StatsRecorder#abandoned}): where it stands (the answers, the question on screen)
     * is read from the conversation, not from the progress row. So a year's figures read only the conversations
     * still in play, not every idle one ever abandoned.
     */
    private static final String OPEN_LIVE = "(c.prospect_id IS NOT NULL AND c.follow_up IS NOT NULL AND ("
            + FINISHED + ") IS NULL AND (" + CANCELLED + ") = FALSE)";
    /** Conversations read at once for the triages they still carry. */
    private static final int CHUNK = 200;

    /** Rows the database hands over at a time while the funnel streams (PostgreSQL: inside a transaction only). */
    static final int FETCH_SIZE = 1000;

    private final JdbcTemplate jdbc;
    /** The funnel's query: {@link #FETCH_SIZE} rows at a time, in {@link #readOnly}, so a year is never in memory. */
    private final JdbcTemplate streaming;
    private final TransactionOperations readOnly;
    private final DiagnosticCatalog catalog;
    private final Clock clock;
    private final Duration expireAfter;
    private final Supplier<ConversationService> conversations;

    /**
     * @param conversations where an open triage's answers and question on screen are read (its conversation still
     *                      carries them); answering null reads them from the progress rows, as last written
     */
    public TriageStatistics(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock, Duration expireAfter,
            Supplier<ConversationService> conversations) {
        this(jdbc, catalog, clock, expireAfter, conversations, null);
    }

    /**
     * @param readOnly a read-only transaction the funnel's rows stream in (PostgreSQL's driver reads a result
     *                 {@link #FETCH_SIZE} rows at a time only inside a transaction; outside one it reads it whole);
     *                 null: none
     */
    public TriageStatistics(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock, Duration expireAfter,
            Supplier<ConversationService> conversations, TransactionOperations readOnly) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = readOnly == null ? TransactionOperations.withoutTransaction() : readOnly;
        this.catalog = catalog;
        this.clock = clock;
        this.expireAfter = expireAfter;
        this.conversations = conversations;
    }

    public TriageStats compute(StatsPeriod period) {
        if (period.diagnosticId() != null) {
            catalog.require(period.diagnosticId());
        }
        Instant asOf = clock.instant();
        Instant cutoffAt = asOf.minus(expireAfter);
        List<Object> cutoff = List.of(cutoffAt.atOffset(ZoneOffset.UTC), cutoffAt.toEpochMilli());
        ConversationService live = conversations == null ? null : conversations.get();
        List<Object> where = new ArrayList<>(List.of(period.since().toEpochMilli(), period.until().toEpochMilli()));
        String filter = period.diagnosticId() == null ? PERIOD : PERIOD + " AND (" + DIAGNOSTIC + ") = ?";
        if (period.diagnosticId() != null) {
            where.add(period.diagnosticId());
        }

        List<Object> totalsParams = new ArrayList<>(cutoff);
        totalsParams.addAll(where);
        long[] totals = jdbc.queryForObject("""
                SELECT COUNT(*),
                       COUNT(%2$s),
                       SUM(CASE WHEN %1$s THEN 1 ELSE 0 END),
                       SUM(CASE WHEN %3$s = 'book' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN %3$s = 'book' AND l.stage = 'booked' THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.talk_anyway = TRUE THEN 1 ELSE 0 END),
                       SUM(CASE WHEN s.override_at IS NOT NULL THEN 1 ELSE 0 END)
                FROM %4$s
                LEFT JOIN lead_state s ON s.triage_id = t.triage_id
                LEFT JOIN lead_lifecycle l ON l.triage_id = t.triage_id
                WHERE %5$s""".formatted(ABANDONED, FINISHED, KIND, TRIAGES, filter), (rs, n) -> {
                    long[] v = new long[7];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = rs.getLong(i + 1);
                    }
                    return v;
                }, totalsParams.toArray());

        List<OutcomeCount> outcomes = jdbc.query("""
                SELECT %1$s, %2$s, %3$s, COUNT(*) FROM %4$s
                WHERE %5$s IS NOT NULL AND %6$s
                GROUP BY %1$s, %2$s, %3$s
                ORDER BY COUNT(*) DESC, %1$s, %3$s""".formatted(DIAGNOSTIC, KIND, OUTCOME, SETTLED, FINISHED,
                filter),
                (rs, n) -> new OutcomeCount(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4)),
                where.toArray());

        // nearest-rank percentiles of (finished - started): the same SQL on H2 and PostgreSQL
        Duration[] times = jdbc.queryForObject("""
                SELECT PERCENTILE_DISC(0.5) WITHIN GROUP (ORDER BY %1$s - t.started_at),
                       PERCENTILE_DISC(0.9) WITHIN GROUP (ORDER BY %1$s - t.started_at)
                FROM %2$s WHERE %1$s IS NOT NULL AND %3$s""".formatted(FINISHED, SETTLED, filter),
                (rs, n) -> new Duration[] {millis(rs.getObject(1)), millis(rs.getObject(2))}, where.toArray());

        List<Object> funnelParams = new ArrayList<>(cutoff);
        funnelParams.addAll(where);
        Map<String, QuestionFigures> stored = new HashMap<>();
        // triages recorded before the replies were kept in stats_progress (V70): one stats_question row per reached
        // question, counted by the database
        jdbc.query("""
                SELECT %1$s, q.question_id, q.question_number, COUNT(*),
                       SUM(CASE WHEN %2$s AND %3$s = q.question_number THEN 1 ELSE 0 END),
                       SUM(CASE WHEN q.reply IN ('yes', 'no', 'unsure') THEN 1 ELSE 0 END),
                       SUM(CASE WHEN q.reply = 'unsure' THEN 1 ELSE 0 END)
                FROM stats_question q JOIN %4$s ON t.triage_id = q.triage_id
                WHERE %5$s IS NULL AND NOT %6$s AND %7$s
                GROUP BY %1$s, q.question_id, q.question_number""".formatted(DIAGNOSTIC, ABANDONED, QUESTION,
                TRIAGES, REPLIES, live == null ? "FALSE" : OPEN_LIVE, filter),
                rs -> {
                    add(stored, new QuestionFigures(rs.getString(1), rs.getInt(3), rs.getString(2), null,
                            rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getInt(7)));
                }, funnelParams.toArray());
        // every later triage: its replies, one character per question, counted here as the rows stream by; an open
        // triage its conversation still carries: from the conversation, read CHUNK at a time once the rows are read
        Map<String, List<String>> lists = questionLists();
        List<OpenTriage> open = new ArrayList<>();
        readOnly.executeWithoutResult(status -> streaming.query("""
                SELECT %1$s, %2$s, %3$s, %4$s,
                       CASE WHEN %5$s THEN 1 ELSE 0 END, CASE WHEN %6$s THEN 1 ELSE 0 END, t.triage_id, t.prospect_id
                FROM %7$s
                WHERE (%4$s IS NOT NULL OR %6$s) AND %8$s""".formatted(DIAGNOSTIC, VERSION, QUESTION, REPLIES,
                ABANDONED, live == null ? "FALSE" : OPEN_LIVE, TRIAGES, filter), rs -> {
                    boolean abandoned = rs.getInt(5) == 1;
                    if (rs.getInt(6) == 1) {
                        open.add(new OpenTriage(rs.getString(7), new ProspectId(rs.getString(8)), abandoned));
                        return;
                    }
                    String diagnosticId = rs.getString(1);
                    if (diagnosticId == null) {
                        return;
                    }
                    List<String> ids = lists.get(diagnosticId + "/" + rs.getString(2));
                    if (ids == null) {
                        ids = catalog.find(diagnosticId).map(TriageStatistics::ids).orElse(List.of());
                    }
                    count(stored, diagnosticId, ids, rs.getString(4), rs.getInt(3), abandoned);
                }, funnelParams.toArray()));
        Map<String, QuestionPositions> positions = new HashMap<>();
        for (int from = 0; from < open.size(); from += CHUNK) {
            List<OpenTriage> chunk = open.subList(from, Math.min(open.size(), from + CHUNK));
            Map<String, OpenTriage> byTriage = new HashMap<>();
            chunk.forEach(o -> byTriage.put(o.triageId(), o));
            for (ConversationSnapshot s : live.findMany(chunk.stream().map(OpenTriage::prospect).toList())) {
                OpenTriage o = byTriage.get(s.triageId());
                Diagnostic diagnostic = s.diagnosticId() == null ? null : catalog.find(s.diagnosticId()).orElse(null);
                if (o == null || diagnostic == null) {
                    continue; // started again meanwhile (counted as restarted next time), or still routing
                }
                String replies = positions.computeIfAbsent(diagnostic.id(), id -> new QuestionPositions(diagnostic))
                        .replies(s.answers().values(),
                        s.phase() == Phase.ASKING ? s.questionNumber() : 0);
                count(stored, diagnostic.id(), ids(diagnostic), replies, s.questionNumber(), o.abandoned());
            }
        }

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

    private static String latest(String column) {
        return "CASE WHEN " + PREVIOUS + " THEN t." + column + " ELSE p." + column + " END";
    }

    /** An open triage its prospect's conversation still carries. */
    private record OpenTriage(String triageId, ProspectId prospect, boolean abandoned) {
    }

    /** One triage's reached questions: {@code replies} against {@code ids}, dropped at {@code onScreen} if abandoned. */
    private static void count(Map<String, QuestionFigures> stored, String diagnosticId, List<String> ids,
            String replies, int onScreen, boolean abandoned) {
        for (int i = 0; i < replies.length() && i < ids.size(); i++) {
            char reply = replies.charAt(i);
            if (QuestionPositions.reached(reply)) {
                add(stored, new QuestionFigures(diagnosticId, i + 1, ids.get(i), null, 1,
                        abandoned && onScreen == i + 1 ? 1 : 0, QuestionPositions.answered(reply) ? 1 : 0,
                        reply == QuestionPositions.UNSURE ? 1 : 0));
            }
        }
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
