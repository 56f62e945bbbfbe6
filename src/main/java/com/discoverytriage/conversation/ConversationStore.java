package com.discoverytriage.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code conversation} and {@code finished_triage} tables, through plain JDBC. */
final class ConversationStore implements FinishedTriages, StoredConversations {

    private static final TypeReference<LinkedHashMap<String, String>> ANSWERS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> HISTORY = new TypeReference<>() {
    };

    private static final String NUDGE = "nudge";
    private static final String BOOK = com.discoverytriage.diagnostic.OutcomeKind.BOOK.id();

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    /** For reads handed over row by row (the export), a cursor's worth at a time where the driver allows. */
    private final JdbcTemplate streaming;
    private final ObjectMapper json;
    /**
     * The answers and history last read or written, one slot per prospect hash: a command reads them as stored by
     * the command before, so the stored JSON is compared with the slot's (equal JSON, equal answers) instead of
     * parsed again. A slot is only ever a shortcut: another process's change, a restart or a prospect sharing the
     * slot just means parsing.
     */
    private final AtomicReferenceArray<Parsed> parsed = new AtomicReferenceArray<>(PARSED_SLOTS);

    /**
     * Per prospect hash: the row the last committed command stored or read, so the prospect's next command can skip
     * reading it again (the update's version and triage check proves it current, or the command reads afresh).
     * Taken by a command and put back after its commit; erasing the prospect forgets it, the retention purge
     * forgets all.
     */
    private final AtomicReferenceArray<StoredConversation> committed = new AtomicReferenceArray<>(PARSED_SLOTS);

    private static final int PARSED_SLOTS = 1024;

    /** Another store over the same database whose memory an erasure or a purge through this one also clears. */
    private volatile ConversationStore alsoForgetting;

    private record Parsed(String prospect, StoredAnswers answers, StoredHistory history) {
    }

    ConversationStore(DataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(500);
        this.json = json;
    }

    private static final String FIND = """
            SELECT prospect_id, triage_id, display_name, state, diagnostic_id, diagnostic_version, answers, history,
                   step, version, outcome_kind, outcome_id, started_at, updated_at, finished_at
            FROM conversation WHERE prospect_id = ?""";

    // find and update run on every command: plain JDBC on the transaction's connection, without the few
    // kilobytes a JdbcClient statement allocates around the driver's own work
    Optional<StoredConversation> find(ProspectId prospect) {
        return onConnection(FIND, statement -> {
            statement.setString(1, prospect.value());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        });
    }

    private interface Statement<T> {
        T run(PreparedStatement statement) throws SQLException;
    }

    /** Runs {@code work} on a statement of the current transaction's connection (or a pooled one outside of any). */
    private <T> T onConnection(String sql, Statement<T> work) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            return work.run(statement);
        } catch (SQLException e) {
            DataAccessException translated = streaming.getExceptionTranslator().translate("conversation", sql, e);
            throw translated != null ? translated : new UncategorizedSQLException("conversation", sql, e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    private static int slot(String prospect) {
        int hash = prospect.hashCode();
        return (hash ^ (hash >>> 16)) & (PARSED_SLOTS - 1);
    }

    /** The row the prospect's last committed command left, taken out (null: none remembered). */
    StoredConversation takeCommitted(ProspectId prospect) {
        int slot = slot(prospect.value());
        StoredConversation row = committed.get(slot);
        return row != null && row.prospect().equals(prospect) && committed.compareAndSet(slot, row, null) ? row : null;
    }

    /** Remembers {@code row} as committed (called after the commit), for the prospect's next command. */
    void committed(StoredConversation row) {
        if (row != null) {
            committed.set(slot(row.prospect().value()), row);
        }
    }

    /**
     * Erasures and purges through this store also clear what {@code other} remembers (the application erases
     * through its {@code conversationStore} bean, while the conversation service remembers in its own store).
     */
    void alsoForgetting(ConversationStore other) {
        this.alsoForgetting = other;
    }

    /** Forgets what is remembered of the prospect (its answers are erased), here and in the store linked. */
    private void forget(ProspectId prospect) {
        forgetHere(prospect);
        ConversationStore other = alsoForgetting;
        if (other != null) {
            other.forgetHere(prospect);
        }
    }

    private void forgetHere(ProspectId prospect) {
        int slot = slot(prospect.value());
        StoredConversation row = committed.get(slot);
        if (row != null && row.prospect().equals(prospect)) {
            committed.compareAndSet(slot, row, null);
        }
        Parsed known = parsed.get(slot);
        if (known != null && known.prospect().equals(prospect.value())) {
            parsed.compareAndSet(slot, known, null);
        }
    }

    private void forgetAll() {
        for (int i = 0; i < PARSED_SLOTS; i++) {
            committed.set(i, null);
            parsed.set(i, null);
        }
    }

    /** Remembers what was just stored for the prospect, so the next command does not parse it. */
    private void remember(StoredConversation c) {
        String prospect = c.prospect().value();
        parsed.set(slot(prospect), new Parsed(prospect, c.data().storedAnswers(), c.data().storedHistory()));
    }

    void insert(StoredConversation c) {
        ConversationData d = c.data();
        jdbc.sql("""
                        INSERT INTO conversation (prospect_id, triage_id, display_name, state, diagnostic_id,
                            diagnostic_version, answers, history, step, version, outcome_kind, outcome_id,
                            started_at, updated_at, finished_at, follow_up)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.prospect().value(), d.triageId(), c.displayName(), c.state(), d.diagnosticId(),
                        c.diagnosticVersion(), d.storedAnswers().json(), d.storedHistory().json(), c.step(),
                        c.version(), d.outcomeKind(), d.outcomeId(), time(d.startedAt()), time(c.updatedAt()),
                        time(d.finishedAt()), followUpOf(c))
                .update();
        remember(c);
    }

    private static final String UPDATE = """
            UPDATE conversation SET triage_id = ?, display_name = ?, state = ?, diagnostic_id = ?,
                diagnostic_version = ?, answers = ?, history = ?, step = ?, version = ?, outcome_kind = ?,
                outcome_id = ?, started_at = ?, updated_at = ?, finished_at = ?, follow_up = ?
            WHERE prospect_id = ? AND version = ? AND triage_id = ?""";

    /**
     * Stores {@code c} if the row is still at {@code expectedVersion} of triage {@code expectedTriageId} (a row
     * erased and started again starts at version 0 again, with another triage id); false when it is not.
     */
    boolean update(StoredConversation c, long expectedVersion, String expectedTriageId) {
        ConversationData d = c.data();
        int rows = onConnection(UPDATE, statement -> {
            text(statement, 1, d.triageId());
            text(statement, 2, c.displayName());
            text(statement, 3, c.state());
            text(statement, 4, d.diagnosticId());
            text(statement, 5, c.diagnosticVersion());
            text(statement, 6, d.storedAnswers().json());
            text(statement, 7, d.storedHistory().json());
            statement.setLong(8, c.step());
            statement.setLong(9, c.version());
            text(statement, 10, d.outcomeKind());
            text(statement, 11, d.outcomeId());
            time(statement, 12, d.startedAt());
            time(statement, 13, c.updatedAt());
            time(statement, 14, d.finishedAt());
            text(statement, 15, followUpOf(c));
            statement.setString(16, c.prospect().value());
            statement.setLong(17, expectedVersion);
            statement.setString(18, expectedTriageId);
            return statement.executeUpdate();
        });
        if (rows == 1) {
            remember(c);
        }
        return rows == 1;
    }

    private static void text(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void time(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            // not value.atOffset(UTC): that makes a new ZoneRules (six arrays) for every value, on every command
            statement.setObject(index, OffsetDateTime.of(
                    LocalDateTime.ofEpochSecond(value.getEpochSecond(), value.getNano(), ZoneOffset.UTC),
                    ZoneOffset.UTC));
        }
    }

    /** Writes the finished triage of a decided conversation; deciding again (after Back) updates the same row. */
    void saveFinished(FinishedTriage t) {
        int rows = jdbc.sql("""
                        UPDATE finished_triage SET prospect_id = ?, display_name = ?, diagnostic_id = ?,
                            diagnostic_version = ?, answers = ?, outcome_kind = ?, outcome_id = ?, started_at = ?,
                            finished_at = ?, follow_up = ?
                        WHERE triage_id = ?""")
                .params(t.prospect().value(), t.displayName(), t.diagnosticId(), t.diagnosticVersion(),
                        write(t.answers().values()), t.outcomeKind(), t.outcomeId(), time(t.startedAt()),
                        time(t.finishedAt()), followUpOf(t), t.triageId())
                .update();
        if (rows == 0) {
            jdbc.sql("""
                            INSERT INTO finished_triage (triage_id, prospect_id, display_name, diagnostic_id,
                                diagnostic_version, answers, outcome_kind, outcome_id, started_at, finished_at,
                                follow_up)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(t.triageId(), t.prospect().value(), t.displayName(), t.diagnosticId(),
                            t.diagnosticVersion(), write(t.answers().values()), t.outcomeKind(), t.outcomeId(),
                            time(t.startedAt()), time(t.finishedAt()), followUpOf(t))
                    .update();
        }
    }

    private static final String SELECT_FINISHED = """
            SELECT triage_id, prospect_id, display_name, diagnostic_id, diagnostic_version, answers, outcome_kind,
                   outcome_id, started_at, finished_at
            FROM finished_triage""";

    @Override
    public List<FinishedTriage> findAll(String diagnosticId) {
        String order = " ORDER BY finished_at, triage_id";
        JdbcClient.StatementSpec spec = diagnosticId == null
                ? jdbc.sql(SELECT_FINISHED + order)
                : jdbc.sql(SELECT_FINISHED + " WHERE diagnostic_id = ?" + order).param(diagnosticId);
        return spec.query((rs, n) -> finished(rs)).list();
    }

    @Override
    public void forEachStarted(Instant since, Instant until, Consumer<FinishedTriage> each) {
        StringBuilder sql = new StringBuilder(SELECT_FINISHED).append(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        startedBetween(sql, params, since, until);
        sql.append(" ORDER BY started_at, triage_id");
        try (Stream<FinishedTriage> rows = streaming.queryForStream(sql.toString(), (rs, n) -> finished(rs),
                params.toArray())) {
            rows.forEach(each);
        }
    }

    private FinishedTriage finished(ResultSet rs) throws SQLException {
        return new FinishedTriage(
                rs.getString("triage_id"),
                new ProspectId(rs.getString("prospect_id")),
                rs.getString("display_name"),
                rs.getString("diagnostic_id"),
                rs.getString("diagnostic_version"),
                new com.discoverytriage.diagnostic.Answers(read(rs.getString("answers"), ANSWERS)),
                rs.getString("outcome_kind"),
                rs.getString("outcome_id"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    /** The conversations of these prospects, one statement per 200: the periodic passes read them batch by batch. */
    List<StoredConversation> findMany(List<ProspectId> prospects) {
        List<StoredConversation> found = new ArrayList<>();
        for (int from = 0; from < prospects.size(); from += 200) {
            List<String> chunk = prospects.subList(from, Math.min(prospects.size(), from + 200)).stream()
                    .map(ProspectId::value).toList();
            // FIND's columns in FIND's order: row() reads some of them by position
            found.addAll(jdbc.sql(FIND.replace("prospect_id = ?", "prospect_id IN (" + marks(chunk) + ")"))
                    .params(chunk).query((rs, n) -> row(rs)).list());
        }
        return found;
    }

    // ordered by the index's own columns only (no tie-break): the database reads the first rows of the index range
    // and stops, instead of sorting every due row
    @Override
    public List<Idle> due(FollowUp followUp, Instant idleBefore, int limit) {
        return jdbc.sql("SELECT prospect_id, triage_id, step, updated_at FROM conversation"
                        + " WHERE follow_up = ? AND updated_at < ? ORDER BY updated_at LIMIT ?")
                .params(id(followUp), time(idleBefore), limit)
                .query((rs, n) -> new Idle(new ProspectId(rs.getString(1)), rs.getString(2), rs.getLong(3),
                        instant(rs, "updated_at")))
                .list();
    }

    @Override
    public void followedUp(Idle c, FollowUp next) {
        jdbc.sql("UPDATE conversation SET follow_up = ? WHERE prospect_id = ? AND step = ? AND follow_up IS NOT NULL")
                .params(next == null ? null : id(next), c.prospect().value(), c.step())
                .update();
    }

    @Override
    public void followedUpAll(List<Idle> conversations, FollowUp next) {
        // one statement per 200: a row value IN list, read through the primary key on both databases
        for (int from = 0; from < conversations.size(); from += 200) {
            List<Idle> chunk = conversations.subList(from, Math.min(conversations.size(), from + 200));
            List<Object> params = new ArrayList<>();
            if (next != null) {
                params.add(id(next));
            }
            chunk.forEach(c -> {
                params.add(c.prospect().value());
                params.add(c.step());
            });
            jdbc.sql("UPDATE conversation SET follow_up = " + (next == null ? "NULL" : "?") + " WHERE follow_up IS NOT"
                    + " NULL AND (prospect_id, step) IN (" + String.join(", ", java.util.Collections.nCopies(
                            chunk.size(), "(?, ?)")) + ")").params(params).update();
        }
    }

    @Override
    public List<BookOutcome> bookOutcomesDue(Instant decidedBefore, int limit) {
        return jdbc.sql("SELECT triage_id, prospect_id FROM finished_triage"
                        + " WHERE follow_up = ? AND finished_at < ? ORDER BY finished_at LIMIT ?")
                .params(NUDGE, time(decidedBefore), limit)
                .query((rs, n) -> new BookOutcome(rs.getString(1), new ProspectId(rs.getString(2))))
                .list();
    }

    @Override
    public void bookOutcomeChecked(String triageId) {
        jdbc.sql("UPDATE finished_triage SET follow_up = NULL WHERE triage_id = ?").param(triageId).update();
    }

    @Override
    public void bookOutcomesChecked(List<String> triageIds) {
        for (List<String> chunk : chunks(triageIds)) {
            jdbc.sql("UPDATE finished_triage SET follow_up = NULL WHERE triage_id IN (" + marks(chunk) + ")")
                    .params(chunk).update();
        }
    }

    @Override
    public Optional<ProspectId> prospectOf(String triageId) {
        for (String table : new String[] {"finished_triage", "conversation"}) {
            Optional<ProspectId> found = jdbc.sql("SELECT prospect_id FROM " + table + " WHERE triage_id = ?")
                    .param(triageId).query((rs, n) -> new ProspectId(rs.getString(1))).list().stream().findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ProspectId> undecided(Instant since, Instant until) {
        StringBuilder sql = new StringBuilder("SELECT prospect_id FROM conversation WHERE finished_at IS NULL");
        List<Object> params = new ArrayList<>();
        startedBetween(sql, params, since, until);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new ProspectId(rs.getString(1))).list();
    }

    @Override
    public Set<String> erase(ProspectId prospect) {
        Set<String> triageIds = new LinkedHashSet<>();
        for (String table : new String[] {"conversation", "finished_triage"}) {
            triageIds.addAll(jdbc.sql("SELECT triage_id FROM " + table + " WHERE prospect_id = ?")
                    .param(prospect.value()).query(String.class).list());
        }
        jdbc.sql("DELETE FROM conversation WHERE prospect_id = ?").param(prospect.value()).update();
        jdbc.sql("DELETE FROM finished_triage WHERE prospect_id = ?").param(prospect.value()).update();
        forget(prospect);
        return triageIds;
    }

    @Override
    public Set<String> purge(Instant cutoff, int limit) {
        forgetAll();
        ConversationStore other = alsoForgetting;
        if (other != null) {
            other.forgetAll();
        }
        OffsetDateTime before = time(cutoff);
        List<String> finished = jdbc.sql("SELECT triage_id FROM finished_triage WHERE finished_at < ?"
                + " ORDER BY finished_at LIMIT ?").params(before, limit).query(String.class).list();
        List<String[]> idle = jdbc.sql("SELECT prospect_id, triage_id FROM conversation WHERE updated_at < ?"
                + " ORDER BY updated_at LIMIT ?").params(before, limit)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        Set<String> triageIds = new LinkedHashSet<>(finished);
        idle.forEach(c -> triageIds.add(c[1]));
        // both rows of a triage go in the same batch, so no triage is handed back (and its card emptied) twice
        for (List<String> chunk : chunks(idle.stream().map(c -> c[0]).toList())) {
            jdbc.sql("DELETE FROM conversation WHERE prospect_id IN (" + marks(chunk) + ")").params(chunk).update();
        }
        for (List<String> chunk : chunks(List.copyOf(triageIds))) {
            List<Object> params = new ArrayList<>(chunk);
            params.add(before);
            jdbc.sql("DELETE FROM conversation WHERE triage_id IN (" + marks(chunk) + ") AND updated_at < ?")
                    .params(params).update();
            jdbc.sql("DELETE FROM finished_triage WHERE triage_id IN (" + marks(chunk) + ") AND finished_at < ?")
                    .params(params).update();
        }
        return triageIds;
    }

    /** Adds the conditions on {@code started_at} for a range whose ends may be open (null). */
    private static void startedBetween(StringBuilder sql, List<Object> params, Instant since, Instant until) {
        if (since != null) {
            sql.append(" AND started_at >= ?");
            params.add(time(since));
        }
        if (until != null) {
            sql.append(" AND started_at < ?");
            params.add(time(until));
        }
    }

    /** Lists of at most 500 keys, so an IN list stays a modest statement on both databases. */
    private static List<List<String>> chunks(List<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += 500) {
            chunks.add(keys.subList(i, Math.min(keys.size(), i + 500)));
        }
        return chunks;
    }

    private static String marks(List<String> keys) {
        return String.join(", ", java.util.Collections.nCopies(keys.size(), "?"));
    }

    private static String id(FollowUp followUp) {
        return followUp.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A conversation in progress waits for its reminder; any other has nothing left for the lifecycle to do. */
    private static String followUpOf(StoredConversation c) {
        return ConversationStates.isActive(c.state()) && c.data().finishedAt() == null ? id(FollowUp.REMIND) : null;
    }

    private static String followUpOf(FinishedTriage t) {
        return BOOK.equals(t.outcomeKind()) ? NUDGE : null;
    }

    /** A {@code conversation} row, its columns in the order {@link #find} selects them. */
    private StoredConversation row(ResultSet rs) throws SQLException {
        String prospect = rs.getString(1);
        String answersJson = rs.getString(7);
        String historyJson = rs.getString(8);
        Parsed known = parsed.get(slot(prospect));
        boolean mine = known != null && known.prospect().equals(prospect);
        StoredAnswers answers = mine && known.answers().json().equals(answersJson) ? known.answers()
                : StoredAnswers.read(read(answersJson, ANSWERS), answersJson);
        StoredHistory history = mine && known.history().json().equals(historyJson) ? known.history()
                : StoredHistory.read(read(historyJson, HISTORY), historyJson);
        if (known == null || known.answers() != answers || known.history() != history) {
            parsed.set(slot(prospect), new Parsed(prospect, answers, history));
        }
        ConversationData data = new ConversationData(
                rs.getString(2),
                rs.getString(5),
                answers,
                history,
                instant(rs, 13),
                instant(rs, 15),
                rs.getString(11),
                rs.getString(12));
        return new StoredConversation(
                new ProspectId(prospect),
                rs.getString(3),
                rs.getString(4),
                rs.getString(6),
                rs.getLong(9),
                rs.getLong(10),
                instant(rs, 14),
                data);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a conversation column as JSON", e);
        }
    }

    private <T> T read(String value, TypeReference<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored conversation column is not valid JSON", e);
        }
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
