package com.discoverytriage.discord.interaction;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records each interaction id in the database before its work is done, so that an interaction delivered twice (to
 * one instance or to two sharing the database) is applied once. Checked on the worker, after the acknowledgement,
 * so a slow database never delays the 3-second answer.
 */
public class InteractionReceipts {

    /** Discord's interaction tokens live 15 minutes: no redelivery comes later than that. */
    static final Duration KEEP = Duration.ofMinutes(30);
    private static final int CLEAN_EVERY = 500;

    /** For tests and processes without a database: every interaction is new. */
    static final InteractionReceipts NONE = new InteractionReceipts(null, Clock.systemUTC()) {
        @Override
        boolean firstTime(long interactionId) {
            return true;
        }
    };

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final AtomicInteger sinceClean = new AtomicInteger();

    public InteractionReceipts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * True for the first delivery of this interaction (or DM: its message id; snowflakes never repeat across kinds)
     * anywhere; false for every later one.
     */
    boolean firstTime(long interactionId) {
        if (interactionId == 0) {
            return true; // nothing to key on
        }
        long now = clock.millis();
        if (sinceClean.incrementAndGet() % CLEAN_EVERY == 0) {
            jdbc.update("DELETE FROM interaction_receipt WHERE received_at < ?", now - KEEP.toMillis());
        }
        try {
            jdbc.update("INSERT INTO interaction_receipt (interaction_id, received_at) VALUES (?, ?)", interactionId, now);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
