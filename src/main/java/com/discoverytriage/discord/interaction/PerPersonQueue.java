package com.discoverytriage.discord.interaction;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Puts work on the shared worker executor with at most {@code perPerson} tasks of one person waiting or running at
 * once: past that, that person's work is refused ("busy") and everyone else's still finds room in the queue.
 */
final class PerPersonQueue {

    private final Executor executor;
    private final int perPerson;
    private final ConcurrentHashMap<Long, Integer> pending = new ConcurrentHashMap<>();

    PerPersonQueue(Executor executor, int perPerson) {
        this.executor = executor;
        this.perPerson = perPerson;
    }

    /** @throws RejectedExecutionException when the person has too much work pending, or the executor is full */
    void execute(long person, Runnable task) {
        if (pending.merge(person, 1, Integer::sum) > perPerson) {
            release(person);
            throw new RejectedExecutionException("too much work pending for one person");
        }
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } finally {
                    release(person);
                }
            });
        } catch (RejectedExecutionException e) {
            release(person);
            throw e;
        }
    }

    private void release(long person) {
        pending.computeIfPresent(person, (p, n) -> n <= 1 ? null : n - 1);
    }
}
