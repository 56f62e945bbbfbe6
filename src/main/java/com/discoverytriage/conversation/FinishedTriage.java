package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Answers;
import java.time.Instant;

/**
 * A triage that reached an outcome, as stored. Kept even when the prospect later restarts, so the consultant and
 * {@code rescore} see every decision made.
 *
 * @param outcomeKind the stored {@code OutcomeKind#id()}
 */
public record FinishedTriage(
        String triageId,
        ProspectId prospect,
        String displayName,
        String diagnosticId,
        String diagnosticVersion,
        Answers answers,
        String outcomeKind,
        String outcomeId,
        Instant startedAt,
        Instant finishedAt) {
}
