package com.discoverytriage.lifecycle;

import com.discoverytriage.summary.LeadLifecycle.Stage;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code lead_lifecycle} table: one row per triage with its stage. Every change that matters is a single
 * conditional statement, so two schedulers (or a restart in the middle) cannot apply it twice.
 */
public class LifecycleStore {

    private final JdbcTemplate jdbc;

    public LifecycleStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the triage stalls at {@code step}; false if it was already recorded (or moved on). */
    boolean stalled(String triageId, String prospectId, long step, int question, int total, Instant now) {
        return insert(triageId, prospectId, Stage.STALLED, step, question, total, now);
    }

    /** Claims the one reminder of the stall at {@code step}: true for exactly one caller, ever. */
    boolean claimReminder(String triageId, long step, Instant now) {
        return jdbc.update("UPDATE lead_lifecycle SET reminded_at = ? WHERE triage_id = ? AND stalled_step = ?"
                + " AND stage = ? AND reminded_at IS NULL", now.toEpochMilli(), triageId, step, Stage.STALLED.id()) == 1;
    }

    void reminderResult(String triageId, String result) {
        jdbc.update("UPDATE lead_lifecycle SET reminder_result = ? WHERE triage_id = ?", result, triageId);
    }

    /** Marks the stall at {@code step} abandoned; true if this call changed the stage. */
    boolean abandoned(String triageId, String prospectId, long step, int question, int total, Instant now) {
        if (insert(triageId, prospectId, Stage.ABANDONED, step, question, total, now)) {
            jdbc.update("UPDATE lead_lifecycle SET expired_at = ? WHERE triage_id = ?", now.toEpochMilli(), triageId);
            return true;
        }
        return jdbc.update("UPDATE lead_lifecycle SET stage = ?, expired_at = ?, stage_at = ? WHERE triage_id = ?"
                + " AND stage = ? AND stalled_step = ?", Stage.ABANDONED.id(), now.toEpochMilli(), now.toEpochMilli(),
                triageId, Stage.STALLED.id(), step) == 1;
    }

    /** Flags a book outcome without a booking; true if this call did. */
    boolean decidedNotBooked(String triageId, String prospectId, Instant now) {
        if (insert(triageId, prospectId, Stage.DECIDED_NOT_BOOKED, null, 0, 0, now)) {
            jdbc.update("UPDATE lead_lifecycle SET nudged_at = ? WHERE triage_id = ?", now.toEpochMilli(), triageId);
            return true;
        }
        return false;
    }

    /** The calendar says booked or cancelled: overrides any stage but erased and purged. */
    boolean booking(String triageId, String prospectId, Stage stage, Instant meetingAt, String provider, Instant now) {
        Long meeting = meetingAt == null ? null : meetingAt.toEpochMilli();
        int updated = jdbc.update("UPDATE lead_lifecycle SET stage = ?, meeting_at = COALESCE(?, meeting_at),"
                + " booking_provider = ?, stage_at = ? WHERE triage_id = ? AND stage NOT IN (?, ?)", stage.id(), meeting,
                provider, now.toEpochMilli(), triageId, Stage.ERASED.id(), Stage.PURGED.id());
        if (updated == 1) {
            return true;
        }
        if (insert(triageId, prospectId, stage, null, 0, 0, now)) {
            jdbc.update("UPDATE lead_lifecycle SET meeting_at = ?, booking_provider = ? WHERE triage_id = ?", meeting,
                    provider, triageId);
            return true;
        }
        return false;
    }

    /** The prospect acted again: a stall, an expiry or a missing booking of this triage is over. */
    void active(String triageId) {
        jdbc.update("DELETE FROM lead_lifecycle WHERE triage_id = ? AND stage IN (?, ?, ?)", triageId,
                Stage.STALLED.id(), Stage.ABANDONED.id(), Stage.DECIDED_NOT_BOOKED.id());
    }

    /** Replaces whatever is known with a bare marker (no prospect id) so the card can say why it is empty. */
    void gone(String triageId, Stage stage, Instant now) {
        int updated = jdbc.update("UPDATE lead_lifecycle SET prospect_id = NULL, stage = ?, question_number = 0,"
                + " question_total = 0, stalled_step = NULL, reminded_at = NULL, reminder_result = NULL,"
                + " expired_at = NULL, nudged_at = NULL, meeting_at = NULL, booking_provider = NULL, stage_at = ?"
                + " WHERE triage_id = ?", stage.id(), now.toEpochMilli(), triageId);
        if (updated == 0) {
            insert(triageId, null, stage, null, 0, 0, now);
        }
    }

    /** {@link #gone} for many triages, in two JDBC batches. */
    void goneAll(List<String> triageIds, Stage stage, Instant now) {
        int[] updated = jdbc.batchUpdate("UPDATE lead_lifecycle SET prospect_id = NULL, stage = ?, question_number = 0,"
                + " question_total = 0, stalled_step = NULL, reminded_at = NULL, reminder_result = NULL,"
                + " expired_at = NULL, nudged_at = NULL, meeting_at = NULL, booking_provider = NULL, stage_at = ?"
                + " WHERE triage_id = ?", triageIds.stream()
                        .map(id -> new Object[] {stage.id(), now.toEpochMilli(), id}).toList());
        for (int i = 0; i < triageIds.size(); i++) {
            if (updated[i] == 0) {
                insert(triageIds.get(i), null, stage, null, 0, 0, now);
            }
        }
    }

    // The batched forms below serve the scheduler's passes: a few statements for a whole batch of due rows (multi-row
    // VALUES, IN lists), in the batch's one transaction, instead of one statement per row. A row another pass
    // inserted meanwhile makes an insert fail with a duplicate key; the scheduler then rolls the batch back and takes
    // its rows one at a time. Batches are at most 200 rows, so a statement has at most 1,400 parameters.

    /** A triage's stop at a question, as the lifecycle row records it. */
    record Stop(String triageId, String prospectId, long step, int question, int total) {
    }

    /** Of these triages, those that already have a lifecycle row (of any stage). */
    Set<String> known(List<String> triageIds) {
        return in("SELECT triage_id FROM lead_lifecycle WHERE triage_id IN ", List.of(), triageIds);
    }

    /** Of these triages, those the consultant or the calendar marked booked. */
    Set<String> booked(List<String> triageIds) {
        return in("SELECT triage_id FROM lead_state WHERE status = ? AND triage_id IN ",
                List.of(com.discoverytriage.summary.LeadState.Status.BOOKED.id()), triageIds);
    }

    /** New stalls (no lifecycle row yet), each with its one reminder claimed: {@link #stalled} and {@link #claimReminder}. */
    void stalledAndClaimed(List<Stop> stops, Instant now) {
        long at = now.toEpochMilli();
        insertAll("stalled_step, reminded_at", Stage.STALLED, stops, s -> List.of(s.step(), at), at);
    }

    /** {@link #claimReminder} for stalls already recorded: true where this call claimed the reminder. */
    boolean[] claimReminders(List<Stop> stops, Instant now) {
        int[] updated = jdbc.batchUpdate("UPDATE lead_lifecycle SET reminded_at = ? WHERE triage_id = ?"
                + " AND stalled_step = ? AND stage = '" + Stage.STALLED.id() + "' AND reminded_at IS NULL",
                stops.stream().map(s -> new Object[] {now.toEpochMilli(), s.triageId(), s.step()}).toList());
        boolean[] claimed = new boolean[updated.length];
        for (int i = 0; i < updated.length; i++) {
            claimed[i] = updated[i] == 1;
        }
        return claimed;
    }

    /** {@link #reminderResult} for many triages: one statement per distinct result. */
    void reminderResults(List<String> triageIds, List<String> results) {
        java.util.Map<String, List<String>> byResult = new java.util.LinkedHashMap<>();
        for (int i = 0; i < triageIds.size(); i++) {
            byResult.computeIfAbsent(results.get(i), r -> new java.util.ArrayList<>()).add(triageIds.get(i));
        }
        byResult.forEach((result, ids) -> jdbc.update("UPDATE lead_lifecycle SET reminder_result = ? WHERE triage_id IN ("
                + marks(ids.size()) + ")", params(List.of(result), ids)));
    }

    /**
     * Notes {@code note} on the claimed reminders of these stalls that have no result (the pass that claimed them
     * never recorded how they went); a result recorded later replaces it. Answers how many it noted.
     */
    int reminderInterrupted(List<String> triageIds, String note) {
        if (triageIds.isEmpty()) {
            return 0;
        }
        return jdbc.update("UPDATE lead_lifecycle SET reminder_result = ? WHERE reminded_at IS NOT NULL"
                + " AND reminder_result IS NULL AND triage_id IN (" + marks(triageIds.size()) + ")",
                params(List.of(note), triageIds));
    }

    /** {@link #abandoned} for triages without a lifecycle row. */
    void abandonedNew(List<Stop> stops, Instant now) {
        long at = now.toEpochMilli();
        insertAll("stalled_step, expired_at", Stage.ABANDONED, stops, s -> List.of(s.step(), at), at);
    }

    /**
     * {@link #abandoned} for stalls already recorded: the ones still stalled at their step are locked, then marked
     * abandoned. Answers the triages this call changed.
     */
    Set<String> abandonedStalls(List<Stop> stops, Instant now) {
        if (stops.isEmpty()) {
            return Set.of();
        }
        List<Object> pairs = new java.util.ArrayList<>();
        stops.forEach(s -> {
            pairs.add(s.triageId());
            pairs.add(s.step());
        });
        List<String> stalls = jdbc.queryForList("SELECT triage_id FROM lead_lifecycle WHERE stage = ?"
                + " AND (triage_id, stalled_step) IN (" + String.join(", ", java.util.Collections.nCopies(stops.size(),
                        "(?, ?)")) + ") FOR UPDATE", String.class, params(List.of(Stage.STALLED.id()), pairs));
        if (!stalls.isEmpty()) {
            long at = now.toEpochMilli();
            jdbc.update("UPDATE lead_lifecycle SET stage = ?, expired_at = ?, stage_at = ? WHERE triage_id IN ("
                    + marks(stalls.size()) + ")", params(List.of(Stage.ABANDONED.id(), at, at), stalls));
        }
        return new HashSet<>(stalls);
    }

    /** {@link #decidedNotBooked} for triages without a lifecycle row. */
    void decidedNotBookedNew(List<Stop> stops, Instant now) {
        long at = now.toEpochMilli();
        insertAll("nudged_at", Stage.DECIDED_NOT_BOOKED, stops, s -> List.of(at), at);
    }

    /** One multi-row INSERT of these stops at {@code stage}, with the extra columns' values from {@code extra}. */
    private void insertAll(String extraColumns, Stage stage, List<Stop> stops,
            java.util.function.Function<Stop, List<Object>> extra, long at) {
        if (stops.isEmpty()) {
            return;
        }
        List<Object> params = new java.util.ArrayList<>();
        String row = null;
        for (Stop s : stops) {
            List<Object> values = new java.util.ArrayList<>(List.of(s.triageId(), s.prospectId(), stage.id(),
                    s.question(), s.total(), at));
            values.addAll(extra.apply(s));
            params.addAll(values);
            row = "(" + marks(values.size()) + ")";
        }
        jdbc.update("INSERT INTO lead_lifecycle (triage_id, prospect_id, stage, question_number, question_total,"
                + " stage_at, " + extraColumns + ") VALUES " + String.join(", ", java.util.Collections.nCopies(
                        stops.size(), row)), params.toArray());
    }

    private Set<String> in(String select, List<Object> before, List<String> keys) {
        Set<String> found = new HashSet<>();
        if (keys.isEmpty()) {
            return found;
        }
        found.addAll(jdbc.queryForList(select + "(" + marks(keys.size()) + ")", String.class,
                params(before, keys)));
        return found;
    }

    private static Object[] params(List<?> before, List<?> keys) {
        List<Object> params = new java.util.ArrayList<>(before);
        params.addAll(keys);
        return params.toArray();
    }

    private static String marks(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    private boolean insert(String triageId, String prospectId, Stage stage, Long step, int question, int total,
            Instant now) {
        if (jdbc.queryForObject("SELECT COUNT(*) FROM lead_lifecycle WHERE triage_id = ?", Integer.class, triageId) > 0) {
            return false;
        }
        try {
            jdbc.update("INSERT INTO lead_lifecycle (triage_id, prospect_id, stage, question_number, question_total,"
                    + " stalled_step, stage_at) VALUES (?, ?, ?, ?, ?, ?, ?)", triageId, prospectId, stage.id(),
                    question, total, step, now.toEpochMilli());
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
