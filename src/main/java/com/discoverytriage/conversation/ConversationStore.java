package com.discoverytriage.conversation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The {@code conversation} and {@code finished_triage} tables, through plain JDBC. */
final class ConversationStore implements FinishedTriages, StoredConversations {

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

    @Override
    public List<FinishedTriage> findAll(String diagnosticId) {
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

    @Override
    public List<Idle> idle(Instant before, Idle after, int limit) {
        // decided and cancelled conversations never stall; the row's own state is enough to skip them
        String sql = "SELECT prospect_id, triage_id, step, updated_at FROM conversation"
                + " WHERE updated_at < ? AND finished_at IS NULL AND state NOT IN (?, ?)";
        List<Object> params = new ArrayList<>(List.of(time(before), ConversationStates.DECIDED,
                ConversationStates.CANCELLED));
        if (after != null) {
            sql += " AND (updated_at > ? OR (updated_at = ? AND prospect_id > ?))";
            params.addAll(List.of(time(after.updatedAt()), time(after.updatedAt()), after.prospect().value()));
        }
        return jdbc.sql(sql + " ORDER BY updated_at, prospect_id").params(params).query(rs -> {
            List<Idle> idle = new ArrayList<>();
            while (idle.size() < limit && rs.next()) {
                idle.add(new Idle(new ProspectId(rs.getString(1)), rs.getString(2), rs.getLong(3),
                        instant(rs, "updated_at")));
            }
            return idle;
        });
    }

    @Override
    public Optional<ProspectId> prospectOf(String triageId) {
        for (String table : new String[] {"finished_triage", "conversation"}) {
            Optional<ProspectId> found = jdbc.sql("SELECT prospect_id FROM " + table + " WHERE triage_id = ?")
                    .param(triageId).query((rs, n) -> new ProspectId(rs.getString(1))).stream().findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<ProspectId> undecided() {
        return jdbc.sql("SELECT prospect_id FROM conversation WHERE finished_at IS NULL")
                .query((rs, n) -> new ProspectId(rs.getString(1))).list();
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
        return triageIds;
    }

    @Override
    public Set<String> purge(Instant cutoff) {
        OffsetDateTime before = time(cutoff);
        Set<String> triageIds = new LinkedHashSet<>(jdbc.sql("SELECT triage_id FROM finished_triage"
                + " WHERE finished_at < ?").param(before).query(String.class).list());
        triageIds.addAll(jdbc.sql("SELECT triage_id FROM conversation WHERE updated_at < ?").param(before)
                .query(String.class).list());
        jdbc.sql("DELETE FROM finished_triage WHERE finished_at < ?").param(before).update();
        jdbc.sql("DELETE FROM conversation WHERE updated_at < ?").param(before).update();
        return triageIds;
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
