package com.discoverytriage.conversation;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Read access to every finished triage, for re-scoring and summaries. */
public interface FinishedTriages {

    /** Every finished triage, oldest first; {@code diagnosticId} null for all diagnostics. */
    List<FinishedTriage> findAll(String diagnosticId);

    /**
     * Each finished triage started at or after {@code since} and before {@code until} (either null: open), in start
     * order, handed over one at a time as the database streams them: the store reads only that range (an index on
     * the start). This default, for in-memory stand-ins, filters {@link #findAll}.
     */
    default void forEachStarted(Instant since, Instant until, Consumer<FinishedTriage> each) {
        findAll(null).stream()
                .filter(t -> (since == null || !t.startedAt().isBefore(since))
                        && (until == null || t.startedAt().isBefore(until)))
                .sorted(java.util.Comparator.comparing(FinishedTriage::startedAt)
                        .thenComparing(FinishedTriage::triageId))
                .forEach(each);
    }
}
