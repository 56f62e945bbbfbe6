package com.discoverytriage.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code conversation} and {@code finished_triage} tables, through plain JDBC. */
final class ConversationStore {

    private static final TypeReference<LinkedHashMap<String, String>> ANSWERS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> HISTORY = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    ConversationStore(DataSource dataSource, ObjectMapper json) {
        this.jdbc = JdbcClient.create(dataSource);
        this.json = json;
    }

    Optional<StoredConversation> find(ProspectId prospect) {
        return jdbc.sql("""
                        SELECT prospect_id, triage_id, display_name, state, diagnostic_id, diagnostic_version, answers,
                               history, step, version, outcome_kind, outcome_id, started_at, updated_at, finished_at
                        FROM conversation WHERE prospect_id = ?""")
                .param(prospect.value())
                .query((rs, n) -> row(rs))
                .optional();
    }

    void insert(StoredConversation c) {
        ConversationData d = c.data();
        jdbc.sql("""
                        INSERT INTO conversation (prospect_id, triage_id, display_name, state, diagnostic_id,
                            diagnostic_version, answers, history, step, version, outcome_kind, outcome_id,
                            started_at, updated_at, finished_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(c.prospect().value(), d.triageId(), c.displayName(), c.state(), d.diagnosticId(),
                        c.diagnosticVersion(), write(d.answers()), write(d.history()), c.step(), c.version(),
                        d.outcomeKind(), d.outcomeId(), time(d.startedAt()), time(c.updatedAt()),
                        time(d.finishedAt()))
                .update();
    }

    /** Stores {@code c} if the row is still at {@code expectedVersion}; false when someone changed it meanwhile. */
    boolean update(StoredConversation c, long expectedVersion) {
        ConversationData d = c.data();
        int rows = jdbc.sql("""
                        UPDATE conversation SET triage_id = ?, display_name = ?, state = ?, diagnostic_id = ?,
                            diagnostic_version = ?, answers = ?, history = ?, step = ?, version = ?, outcome_kind = ?,
                            outcome_id = ?, started_at = ?, updated_at = ?, finished_at = ?
                        WHERE prospect_id = ? AND version = ?""")
                .params(d.triageId(), c.displayName(), c.state(), d.diagnosticId(), c.diagnosticVersion(),
                        write(d.answers()), write(d.history()), c.step(), c.version(), d.outcomeKind(),
                        d.outcomeId(), time(d.startedAt()), time(c.updatedAt()), time(d.finishedAt()),
                        c.prospect().value(), expectedVersion)
                .update();
        return rows == 1;
    }

    /** Writes the finished triage of a decided conversation; deciding again (after Back) updates the same row. */
    void saveFinished(FinishedTriage t) {
        int rows = jdbc.sql("""
                        UPDATE finished_triage SET prospect_id = ?, display_name = ?, diagnostic_id = ?,
                            diagnostic_version = ?, answers = ?, outcome_kind = ?, outcome_id = ?, started_at = ?,
                            finished_at = ?
                        WHERE triage_id = ?""")
                .params(t.prospect().value(), t.displayName(), t.diagnosticId(), t.diagnosticVersion(),
                        write(t.answers().values()), t.outcomeKind(), t.outcomeId(), time(t.startedAt()),
                        time(t.finishedAt()), t.triageId())
                .update();
        if (rows == 0) {
            jdbc.sql("""
                            INSERT INTO finished_triage (triage_id, prospect_id, display_name, diagnostic_id,
                                diagnostic_version, answers, outcome_kind, outcome_id, started_at, finished_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(t.triageId(), t.prospect().value(), t.displayName(), t.diagnosticId(),
                            t.diagnosticVersion(), write(t.answers().values()), t.outcomeKind(), t.outcomeId(),
                            time(t.startedAt()), time(t.finishedAt()))
                    .update();
        }
    }

    List<FinishedTriage> findFinished(String diagnosticId) {
        String select = """
                SELECT triage_id, prospect_id, display_name, diagnostic_id, diagnostic_version, answers, outcome_kind,
                       outcome_id, started_at, finished_at
                FROM finished_triage""";
        String order = " ORDER BY finished_at, triage_id";
        JdbcClient.StatementSpec spec = diagnosticId == null
                ? jdbc.sql(select + order)
                : jdbc.sql(select + " WHERE diagnostic_id = ?" + order).param(diagnosticId);
        return spec.query((rs, n) -> new FinishedTriage(
                rs.getString("triage_id"),
                new ProspectId(rs.getString("prospect_id")),
                rs.getString("display_name"),
                rs.getString("diagnostic_id"),
                rs.getString("diagnostic_version"),
                new com.discoverytriage.diagnostic.Answers(read(rs.getString("answers"), ANSWERS)),
                rs.getString("outcome_kind"),
                rs.getString("outcome_id"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"))).list();
    }

    private StoredConversation row(ResultSet rs) throws SQLException {
        ConversationData data = new ConversationData(
                rs.getString("triage_id"),
                rs.getString("diagnostic_id"),
                read(rs.getString("answers"), ANSWERS),
                read(rs.getString("history"), HISTORY),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                rs.getString("outcome_kind"),
                rs.getString("outcome_id"));
        return new StoredConversation(
                new ProspectId(rs.getString("prospect_id")),
                rs.getString("display_name"),
                rs.getString("state"),
                rs.getString("diagnostic_version"),
                rs.getLong("step"),
                rs.getLong("version"),
                instant(rs, "updated_at"),
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

}
