package com.discoverytriage.summary;

import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/** The lead state of each triage (status, talk anyway, override) and a log of every action, who and when. */
public class LeadRecords {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LeadRecords(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public LeadState find(String triageId) {
        return state(triageId).withLifecycle(lifecycle(triageId));
    }

    /** The lifecycle stage of a triage (stalled, booked, erased, ...), null if none. */
    public LeadLifecycle lifecycle(String triageId) {
        return jdbc.query("SELECT stage, question_number, question_total, meeting_at, reminder_result, stage_at"
                + " FROM lead_lifecycle WHERE triage_id = ?", (rs, n) -> {
                    LeadLifecycle.Stage stage = LeadLifecycle.Stage.parse(rs.getString(1)).orElse(null);
                    return stage == null ? null : new LeadLifecycle(stage, rs.getInt(2), rs.getInt(3),
                            instant(rs.getObject(4)), rs.getString(5), instant(rs.getObject(6)));
                }, triageId).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private LeadState state(String triageId) {
        return jdbc.query("SELECT status, status_by, status_at, talk_anyway, talk_anyway_at, override_by, override_at, note"
                + " FROM lead_state WHERE triage_id = ?", (rs, n) -> new LeadState(triageId,
                        LeadState.Status.parse(rs.getString(1)).orElse(null), rs.getString(2), instant(rs.getObject(3)),
                        rs.getBoolean(4), instant(rs.getObject(5)), rs.getString(6), instant(rs.getObject(7)),
                        rs.getString(8)), triageId).stream().findFirst().orElse(LeadState.none(triageId));
    }

    public void setStatus(String triageId, LeadState.Status status, String who) {
        long now = clock.millis();
        ensure(triageId);
        jdbc.update("UPDATE lead_state SET status = ?, status_by = ?, status_at = ? WHERE triage_id = ?",
                status.id(), who, now, triageId);
        event(triageId, "status:" + status.id(), who, now);
    }

    /** Flags the lead once; answers false when it was already flagged (a double click changes nothing). */
    public boolean flagTalkAnyway(String triageId) {
        long now = clock.millis();
        ensure(triageId);
        int changed = jdbc.update("UPDATE lead_state SET talk_anyway = TRUE, talk_anyway_at = ? WHERE triage_id = ?"
                + " AND talk_anyway = FALSE", now, triageId);
        if (changed == 0) {
            return false;
        }
        event(triageId, "talk-anyway", null, now);
        return true;
    }

    /** Records the override once; answers false when the lead was already overridden (double click). */
    public boolean override(String triageId, String who) {
        long now = clock.millis();
        ensure(triageId);
        int changed = jdbc.update("UPDATE lead_state SET override_by = ?, override_at = ? WHERE triage_id = ?"
                + " AND override_by IS NULL", who, now, triageId);
        if (changed == 0) {
            return false;
        }
        event(triageId, "override:book", who, now);
        return true;
    }

    /** A short note for the card, e.g. that the prospect could not be told by DM. */
    public void note(String triageId, String note) {
        ensure(triageId);
        jdbc.update("UPDATE lead_state SET note = ? WHERE triage_id = ?", note, triageId);
    }

    private void ensure(String triageId) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM lead_state WHERE triage_id = ?", Integer.class, triageId) == 0) {
            jdbc.update("INSERT INTO lead_state (triage_id, talk_anyway) VALUES (?, FALSE)", triageId);
        }
    }

    private void event(String triageId, String action, String who, long now) {
        jdbc.update("INSERT INTO lead_event (triage_id, action, actor, acted_at) VALUES (?, ?, ?, ?)", triageId, action, who, now);
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli(((Number) millis).longValue());
    }

    /** Every action on the lead, oldest first, as {@code action by actor} (actor may be absent). */
    public java.util.List<String> events(String triageId) {
        return jdbc.query("SELECT action, actor FROM lead_event WHERE triage_id = ? ORDER BY id", (rs, n) ->
                rs.getString(2) == null ? rs.getString(1) : rs.getString(1) + " by " + rs.getString(2), triageId);
    }
}
