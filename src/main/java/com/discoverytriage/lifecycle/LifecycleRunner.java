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

    LifecycleRunner(LifecycleScheduler scheduler, Duration every, DatabaseLocks locks) {
        this.scheduler = scheduler;
        this.every = every;
        this.locks = locks;
    }

    void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lead-lifecycle");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(1000, every.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                locks.ifFree("lifecycle", scheduler::runOnce);
            } catch (RuntimeException e) {
                log.warn("lifecycle pass failed: {}", e.getClass().getSimpleName());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
