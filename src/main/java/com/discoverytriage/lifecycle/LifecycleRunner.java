package com.discoverytriage.lifecycle;

import com.discoverytriage.cluster.DatabaseLocks;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the scheduler every {@code triage.lifecycle-interval} on one daemon thread; the state is all in the database.
 * With several instances on one PostgreSQL a pass runs in one of them at a time (an advisory lock; the others skip).
 */
public class LifecycleRunner {

    private static final Logger log = LoggerFactory.getLogger(LifecycleRunner.class);

    private final LifecycleScheduler scheduler;
    private final Duration every;
    private final DatabaseLocks locks;
    private ScheduledExecutorService executor;
    private volatile java.time.Instant startedAt;
    private volatile java.time.Instant lastSuccess;

    LifecycleRunner(LifecycleScheduler scheduler, Duration every, DatabaseLocks locks) {
        this.scheduler = scheduler;
        this.every = every;
        this.locks = locks;
    }

    void start() {
        startedAt = java.time.Instant.now();
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lead-lifecycle");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, every.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                locks.ifFree("lifecycle", () -> {
                    LifecycleScheduler.Report report = scheduler.runOnce();
                    io.micrometer.core.instrument.Metrics.counter("triage.reminders.sent").increment(report.reminded());
                });
                // a pass skipped because another instance is running it counts as done here too
                lastSuccess = java.time.Instant.now();
            } catch (RuntimeException e) {
                log.warn("lifecycle pass failed: {}", e.getClass().getSimpleName());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** When the last pass finished without an error; null before the first. */
    public java.time.Instant lastSuccess() {
        return lastSuccess;
    }

    /** When the runner started; null before. */
    public java.time.Instant startedAt() {
        return startedAt;
    }

    /**
     * Lets a pass in progress finish the reminders it has claimed (their DMs sent and recorded) before the database
     * goes away, for up to 5 s; then interrupts it.
     */
    void stop() {
        if (executor != null) {
            scheduler.stop();
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                executor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
