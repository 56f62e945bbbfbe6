package com.discoverytriage.stats;

import com.discoverytriage.conversation.ConversationChange;
import com.discoverytriage.conversation.ConversationListener;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.lifecycle.AbandonmentListener;
import com.discoverytriage.lifecycle.ErasureParticipant;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Keeps the statistics' rows current, in the transaction of each conversation change: per triage, one
 * {@code stats_triage} row (prospect, start) written when the triage begins, and one {@code stats_progress} row
 * (diagnostic, outcome, cancelled, where it stands, the class of every reached question's answer) rewritten whole,
 * by primary key, by every change except {@link ConversationChange#PROGRESS}: an answer, Back or an edit between
 * the questions and the review writes nothing, since the prospect's conversation row holds where the triage stands
 * and {@link TriageStatistics} reads it from there while the conversation carries the triage. No row is read: the
 * progress row's id is remembered by triage (read once by another process), and the progress is made from the
 * change itself. A triage replaced by Start over before its outcome is not counted ({@link TriageStatistics} sees
 * the later triage), so a prospect who starts again is counted once. Erased with the prospect.
 */
public class StatsRecorder implements ConversationListener, ErasureParticipant, AbandonmentListener {

    private static final Logger log = LoggerFactory.getLogger(StatsRecorder.class);

    private static final String UPDATE = "UPDATE stats_progress SET diagnostic_id = ?, diagnostic_version = ?,"
            + " updated_at = ?, finished_at = ?, outcome_kind = ?, outcome_id = ?, question_number = ?,"
            + " cancelled = ?, replies = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO stats_progress (diagnostic_id, diagnostic_version,"
            + " updated_at, finished_at, outcome_kind, outcome_id, question_number, cancelled, replies)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Progress ids remembered, by triage hash: memory does not grow with triages (a forgotten id is read again). */
    private static final int REMEMBERED = 1024;
    private static final int PURGE_BATCH = 500;

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final DiagnosticCatalog catalog;
    private final MeterRegistry meters;
    private final TransactionOperations transactions;
    private final Map<String, QuestionPositions> positions = new HashMap<>();
    private final AtomicReferenceArray<Remembered> remembered = new AtomicReferenceArray<>(REMEMBERED);

    public StatsRecorder(JdbcTemplate jdbc, DiagnosticCatalog catalog) {
        this(jdbc, catalog, null, null);
    }

    /**
     * @param meters       where {@code triage.started} and {@code triage.decided} are counted; null: nowhere
     * @param transactions where each batch of the retention purge runs (its own short transaction); null: each
     *                     statement on its own
     */
    public StatsRecorder(JdbcTemplate jdbc, DiagnosticCatalog catalog, MeterRegistry meters,
            TransactionOperations transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions == null ? TransactionOperations.withoutTransaction() : transactions;
        this.dataSource = jdbc.getDataSource();
        this.catalog = catalog;
        this.meters = meters;
        for (Diagnostic diagnostic : catalog.diagnostics()) {
            positions.put(diagnostic.id(), new QuestionPositions(diagnostic));
        }
    }

    /**
     * Stores the question list of each diagnostic file this process writes replies against, once per file version
     * (at start-up, before any conversation: {@link TriageStatistics} reads old replies against their own list).
     * Two processes starting together may both try; the second insert is the one refused, and that is fine.
     */
    public void registerQuestionLists() {
        for (Diagnostic diagnostic : catalog.diagnostics()) {
            if (diagnostic.version() == null) {
                continue;
            }
            try {
                jdbc.update("INSERT INTO stats_question_list (diagnostic_id, diagnostic_version, question_ids)"
                                + " SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM stats_question_list"
                                + " WHERE diagnostic_id = ? AND diagnostic_version = ?)",
                        diagnostic.id(), diagnostic.version(), QuestionPositions.join(diagnostic),
                        diagnostic.id(), diagnostic.version());
            } catch (DuplicateKeyException e) {
                log.debug("question list of {} registered meanwhile by another process", diagnostic.id());
            } catch (DataAccessException e) {
                // not fatal: the statistics then read this version's replies against the catalog it runs with
                log.warn("question list of {} not stored: {}", diagnostic.id(), e.getMessage());
            }
        }
    }

    @Override
    public void onChange(ConversationSnapshot s) {
        onChange(s, ConversationChange.OTHER);
    }

    @Override
    public void onChange(ConversationSnapshot s, ConversationChange change) {
        if (change == ConversationChange.PROGRESS) {
            // an answer, Back or an edit between the questions and the review: nothing the row keeps for a triage
            // that left its conversation changed; while the conversation holds the triage, TriageStatistics reads
            // where it stands from there
            return;
        }
        Progress progress = progressOf(s);
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            if (change == ConversationChange.TRIAGE_BEGINS) {
                remember(s.triageId(), start(connection, progress, s));
                return;
            }
            long id = rememberedId(s.triageId());
            if (id != 0) {
                decided(connection, id, progress, s);
                if (update(connection, id, progress, s)) {
                    return;
                }
            }
            id = storedId(connection, progress, s);
            if (id != 0) {
                decided(connection, id, progress, s);
                update(connection, id, progress, s);
            } else {
                id = start(connection, progress, s);
            }
            remember(s.triageId(), id);
        } catch (SQLException e) {
            throw translated("stats", e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /**
     * The lifecycle gave the triage up: where it stands (its answers, the question on screen) goes into the progress
     * row, since {@link TriageStatistics} reads an abandoned triage from there and no longer from its conversation.
     */
    @Override
    public void abandoned(ConversationSnapshot s) {
        onChange(s, ConversationChange.OTHER);
    }

    /** Counts {@code triage.decided} the first time the triage's progress shows an outcome. */
    private void decided(Connection connection, long id, Progress progress, ConversationSnapshot s)
            throws SQLException {
        if (progress.finished == null || meters == null) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE stats_progress SET finished_at = ? WHERE id = ? AND finished_at IS NULL")) {
            statement.setLong(1, progress.finished);
            statement.setLong(2, id);
            if (statement.executeUpdate() == 1) {
                meters.counter("triage.decided", "diagnostic", tag(s.diagnosticId()), "outcome_kind",
                        tag(progress.kind)).increment();
            }
        }
    }

    /**
     * The one write of an ordinary change; false when the row is not there (erased meanwhile). Ids are handed out
     * once and never again, so a remembered id is this triage's row or no row.
     */
    private boolean update(Connection connection, long id, Progress progress, ConversationSnapshot s)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE)) {
            progress.set(statement, s);
            statement.setLong(10, id);
            return statement.executeUpdate() == 1;
        }
    }

    /**
     * The progress id stored for the triage (another process started it, or this one forgot); 0: no row. A row an
     * instance of the previous version started during a rolling deploy has none yet: it gets one now.
     */
    private long storedId(Connection connection, Progress progress, ConversationSnapshot s) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT progress_id FROM stats_triage WHERE triage_id = ?")) {
            statement.setString(1, s.triageId());
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return 0;
                }
                long id = rs.getLong(1);
                if (!rs.wasNull()) {
                    return id;
                }
            }
        }
        long id = insertProgress(connection, progress, s);
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE stats_triage SET progress_id = ? WHERE triage_id = ?")) {
            statement.setLong(1, id);
            statement.setString(2, s.triageId());
            statement.executeUpdate();
        }
        return id;
    }

    /**
     * A triage's first change: its progress row, then its triage row. An unfinished earlier triage of the prospect
     * is not marked here: it was left by Start over, which the statistics see from this later row (marking it
     * rewrote the earlier row in all its indexes, on every new triage).
     */
    private long start(Connection connection, Progress progress, ConversationSnapshot s) throws SQLException {
        long id = insertProgress(connection, progress, s);
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO stats_triage (triage_id, prospect_id, started_at, updated_at, progress_id)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            // updated_at: the progress row's, never later, so TriageStatistics reads the progress row until an
            // instance of the previous version (during a rolling deploy) changes the triage after this one
            statement.setString(1, s.triageId());
            statement.setString(2, s.prospect().value());
            statement.setLong(3, millis(s.startedAt()));
            statement.setLong(4, progress.updated);
            statement.setLong(5, id);
            statement.executeUpdate();
        }
        if (meters != null) {
            meters.counter("triage.started", "diagnostic", tag(s.diagnosticId())).increment();
            if (progress.finished != null) {
                meters.counter("triage.decided", "diagnostic", tag(s.diagnosticId()), "outcome_kind",
                        tag(progress.kind)).increment();
            }
        }
        return id;
    }

    private static long insertProgress(Connection connection, Progress progress, ConversationSnapshot s)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT, Statement.RETURN_GENERATED_KEYS)) {
            progress.set(statement, s);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new IllegalStateException("no id for the statistics row of a triage");
                }
                return keys.getLong("id");
            }
        }
    }

    private Progress progressOf(ConversationSnapshot s) {
        Long finished = s.phase() == Phase.DECIDED && s.finishedAt() != null ? s.finishedAt().toEpochMilli() : null;
        String kind = finished == null || s.evaluation() == null ? null : s.evaluation().outcome().kind().id();
        String outcome = finished == null || s.evaluation() == null ? null : s.evaluation().outcome().id();
        QuestionPositions questions = s.diagnosticId() == null ? null : positions.get(s.diagnosticId());
        String replies = questions == null ? "" : questions.replies(s.answers().values(),
                s.phase() == Phase.ASKING || s.phase() == Phase.CANCELLED ? s.questionNumber() : 0);
        return new Progress(millis(s.updatedAt()), finished, kind, outcome, replies);
    }

    /** What a change writes besides the snapshot's own fields. */
    private record Progress(long updated, Long finished, String kind, String outcome, String replies) {

        /** Parameters 1 to 9 of {@link #UPDATE} and {@link #INSERT}. */
        void set(PreparedStatement statement, ConversationSnapshot s) throws SQLException {
            text(statement, 1, s.diagnosticId());
            text(statement, 2, s.diagnosticId() == null ? null : s.diagnosticVersion());
            statement.setLong(3, updated);
            if (finished == null) {
                statement.setNull(4, Types.BIGINT);
            } else {
                statement.setLong(4, finished);
            }
            text(statement, 5, kind);
            text(statement, 6, outcome);
            statement.setInt(7, s.questionNumber());
            statement.setBoolean(8, s.phase() == Phase.CANCELLED);
            statement.setString(9, replies);
        }
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private record Remembered(String triageId, long id) {
    }

    private long rememberedId(String triageId) {
        Remembered r = remembered.get(slot(triageId));
        return r != null && r.triageId().equals(triageId) ? r.id() : 0;
    }

    private void remember(String triageId, long id) {
        int slot = slot(triageId);
        Remembered r = remembered.get(slot);
        if (r == null || r.id() != id || !r.triageId().equals(triageId)) {
            remembered.set(slot, new Remembered(triageId, id));
        }
    }

    private static int slot(String triageId) {
        int hash = triageId.hashCode();
        return (hash ^ (hash >>> 16)) & (REMEMBERED - 1);
    }

    @Override
    public void erase(ProspectId prospect) {
        jdbc.update("DELETE FROM stats_question WHERE triage_id IN"
                + " (SELECT triage_id FROM stats_triage WHERE prospect_id = ?)", prospect.value());
        jdbc.update("DELETE FROM stats_progress WHERE id IN"
                + " (SELECT progress_id FROM stats_triage WHERE prospect_id = ?)", prospect.value());
        jdbc.update("DELETE FROM stats_triage WHERE prospect_id = ?", prospect.value());
    }

    /** The daily retention purge: triages untouched since the cutoff go, as their conversations do. */
    @Override
    public void purgeBefore(Instant cutoff) {
        purge(cutoff);
    }

    /**
     * Drops what is older than the retention period (by last change; a triage its conversation still carries was
     * last changed when the conversation was, which the progress row does not follow on every answer; a triage an
     * instance of the previous version changed last, by its {@code stats_triage.updated_at}), {@value #PURGE_BATCH}
     * rows per batch, each batch in its own transaction; answers how many triages. Then the progress rows no triage
     * row refers to any more (a forget or a purge by an instance of the previous version during a rolling deploy
     * deletes {@code stats_triage} only) once they too are older than the cutoff.
     */
    public int purge(Instant before) {
        long cutoff = before.toEpochMilli();
        int purged = 0;
        int batch;
        do {
            batch = inTransaction(() -> {
                List<Map<String, Object>> rows = jdbc.queryForList("SELECT t.triage_id, t.progress_id"
                        + " FROM stats_triage t JOIN stats_progress p ON p.id = t.progress_id"
                        + " WHERE p.updated_at < ? AND t.updated_at < ? AND NOT EXISTS (SELECT 1 FROM conversation c"
                        + " WHERE c.triage_id = t.triage_id AND c.updated_at >= ?)"
                        + " FETCH FIRST " + PURGE_BATCH + " ROWS ONLY", cutoff, cutoff,
                        before.atOffset(ZoneOffset.UTC));
                if (!rows.isEmpty()) {
                    Object[] triages = rows.stream().map(r -> r.get("triage_id")).toArray();
                    jdbc.update("DELETE FROM stats_question WHERE triage_id IN (" + marks(rows.size()) + ")", triages);
                    jdbc.update("DELETE FROM stats_triage WHERE triage_id IN (" + marks(rows.size()) + ")", triages);
                    jdbc.update("DELETE FROM stats_progress WHERE id IN (" + marks(rows.size()) + ")",
                            rows.stream().map(r -> r.get("progress_id")).toArray());
                }
                return rows.size();
            });
            purged += batch;
        } while (batch == PURGE_BATCH);
        // rows only an instance of the previous version wrote (during a rolling deploy): by their own last change
        do {
            batch = inTransaction(() -> {
                List<String> triages = jdbc.queryForList("SELECT triage_id FROM stats_triage"
                        + " WHERE progress_id IS NULL AND updated_at < ? FETCH FIRST " + PURGE_BATCH + " ROWS ONLY",
                        String.class, cutoff);
                if (!triages.isEmpty()) {
                    jdbc.update("DELETE FROM stats_question WHERE triage_id IN (" + marks(triages.size()) + ")",
                            triages.toArray());
                    jdbc.update("DELETE FROM stats_triage WHERE triage_id IN (" + marks(triages.size()) + ")",
                            triages.toArray());
                }
                return triages.size();
            });
            purged += batch;
        } while (batch == PURGE_BATCH);
        // progress rows left behind by the previous version's forget or purge (no triage row, so no prospect: only
        // answer classes and times) go once they are as old as what the purge takes
        do {
            batch = inTransaction(() -> {
                List<Long> ids = jdbc.queryForList("SELECT p.id FROM stats_progress p WHERE p.updated_at < ?"
                        + " AND NOT EXISTS (SELECT 1 FROM stats_triage t WHERE t.progress_id = p.id)"
                        + " FETCH FIRST " + PURGE_BATCH + " ROWS ONLY", Long.class, cutoff);
                if (!ids.isEmpty()) {
                    jdbc.update("DELETE FROM stats_progress WHERE id IN (" + marks(ids.size()) + ")",
                            ids.toArray());
                }
                return ids.size();
            });
        } while (batch == PURGE_BATCH);
        return purged;
    }

    private int inTransaction(java.util.function.Supplier<Integer> work) {
        Integer done = transactions.execute(status -> work.get());
        return done == null ? 0 : done;
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** Diagnostic ids and outcome kinds come from the conversation files: a small, fixed set of values. */
    private static String tag(String value) {
        return value == null ? "none" : value;
    }

    private static long millis(Instant instant) {
        return instant == null ? System.currentTimeMillis() : instant.toEpochMilli();
    }

    private DataAccessException translated(String task, SQLException e) {
        DataAccessException translated = jdbc.getExceptionTranslator().translate(task, null, e);
        return translated != null ? translated : new UncategorizedSQLException(task, null, e);
    }
}
