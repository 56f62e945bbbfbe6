package com.discoverytriage.ops;

import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The consultant cards not yet delivered: how many, and how long the oldest has waited. One aggregate query, read
 * at most once a second whatever asks (a health probe, a Prometheus scrape).
 */
public class OutboxBacklog {

    /** Cards waiting, and the age of the oldest (zero when none). */
    public record Snapshot(long waiting, Duration oldest) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile Snapshot last;
    private volatile long readAt;

    public OutboxBacklog(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Snapshot read() {
        long now = clock.millis();
        Snapshot cached = last;
        if (cached != null && now - readAt < 1000) {
            return cached;
        }
        Snapshot fresh = jdbc.queryForObject("SELECT COUNT(*), MIN(updated_at) FROM summary_outbox"
                + " WHERE revision > delivered_revision", (rs, n) -> {
                    long waiting = rs.getLong(1);
                    long oldest = rs.getLong(2);
                    return new Snapshot(waiting, waiting == 0 ? Duration.ZERO
                            : Duration.ofMillis(Math.max(0, now - oldest)));
                });
        last = fresh;
        readAt = now;
        return fresh;
    }
}
