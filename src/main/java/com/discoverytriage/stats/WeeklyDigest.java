package com.discoverytriage.stats;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Decides when the weekly digest is due and claims it in the database, so it goes out exactly once a week
 * whatever the restarts and however many processes run: a week is claimed with an INSERT on its key (only one
 * process succeeds), marked posted once Discord accepted it, released when posting failed (the next round tries
 * again), and a claim left by a process that died before posting is taken over after {@link #STALE_CLAIM}.
 */
public class WeeklyDigest {

    static final Duration STALE_CLAIM = Duration.ofMinutes(10);

    /** A digest to post: the week it covers, [since, until), and its key. */
    public record Due(String week, Instant since, Instant until) {
    }

    /** A book outcome still waiting for its booking, for the consultant's follow-up list. */
    public record NotBooked(String triageId, String displayName, String diagnosticId, Instant decidedAt) {
    }

    private final JdbcTemplate jdbc;
    private final DigestProperties properties;
    private final Clock clock;

    public WeeklyDigest(JdbcTemplate jdbc, DigestProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** The latest scheduled digest at or before now, if it is still within the catch-up window. */
    public Optional<Due> due() {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ZonedDateTime local = now.atZone(properties.zone());
        LocalDate day = local.toLocalDate().with(TemporalAdjusters.previousOrSame(properties.day()));
        ZonedDateTime scheduled = day.atTime(properties.time()).atZone(properties.zone());
        if (scheduled.isAfter(local)) {
            scheduled = scheduled.minusWeeks(1);
        }
        if (Duration.between(scheduled.toInstant(), now).compareTo(properties.catchUp()) > 0) {
            return Optional.empty();
        }
        return Optional.of(new Due(scheduled.toLocalDate().toString(), scheduled.minusWeeks(1).toInstant(),
                scheduled.toInstant()));
    }

    /** True for exactly one caller per week (until it releases the claim). */
    public boolean claim(Due due) {
        long now = clock.millis();
        try {
            jdbc.update("INSERT INTO stats_digest (week_start, claimed_at) VALUES (?, ?)", due.week(), now);
            return true;
        } catch (DuplicateKeyException e) {
            return jdbc.update("UPDATE stats_digest SET claimed_at = ? WHERE week_start = ? AND posted_at IS NULL"
                    + " AND claimed_at < ?", now, due.week(), now - STALE_CLAIM.toMillis()) == 1;
        }
    }

    public void posted(Due due) {
        jdbc.update("UPDATE stats_digest SET posted_at = ? WHERE week_start = ?", clock.millis(), due.week());
    }

    /** Posting failed: the next round may claim the week again. */
    public void release(Due due) {
        jdbc.update("DELETE FROM stats_digest WHERE week_start = ? AND posted_at IS NULL", due.week());
    }

    /**
     * The "decided, not booked" follow-up list (oldest first, at most {@code limit}): triages whose card says so
     * now.
     */
    public List<NotBooked> notBooked(int limit) {
        return jdbc.query("SELECT t.triage_id, f.display_name, p.diagnostic_id, p.finished_at FROM stats_triage t"
                        + " JOIN stats_progress p ON p.id = t.progress_id"
                        + " JOIN lead_lifecycle l ON l.triage_id = t.triage_id"
                        + " LEFT JOIN finished_triage f ON f.triage_id = t.triage_id"
                        + " WHERE l.stage = 'decided-not-booked' ORDER BY p.finished_at, t.triage_id",
                rs -> {
                    List<NotBooked> list = new java.util.ArrayList<>();
                    while (list.size() < limit && rs.next()) {
                        long finished = rs.getLong(4);
                        list.add(new NotBooked(rs.getString(1), rs.getString(2), rs.getString(3),
                                rs.wasNull() ? null : Instant.ofEpochMilli(finished)));
                    }
                    return list;
                });
    }
}
