package com.discoverytriage.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the lead's life after the chat (reminders, expiry, retention, forget, export) needs of the stored
 * conversations and finished triages, in domain terms: how the machine names its states, and which tables hold
 * them, stay inside this package.
 */
public interface StoredConversations {

    /** A conversation in progress (routing, asking or review) as it was last stored. */
    record Idle(ProspectId prospect, String triageId, long step, Instant updatedAt) {
    }

    /**
     * What the lead's lifecycle still owes a conversation in progress. Kept on the stored row (set back to
     * {@link #REMIND} by every change), so a pass asks only for the rows due and never pages past handled ones.
     */
    enum FollowUp {
        /** in progress, not reminded yet */
        REMIND,
        /** reminded; abandoned once it has been idle long enough */
        EXPIRE
    }

    /** A book outcome not yet checked for a missing booking. */
    record BookOutcome(String triageId, ProspectId prospect) {
    }

    /**
     * Conversations waiting for {@code followUp} and last changed before {@code idleBefore}, least recently changed
     * first; at most {@code limit}, read through an index.
     */
    List<Idle> due(FollowUp followUp, Instant idleBefore, int limit);

    /**
     * The lifecycle is done with {@code c} at its step: it now waits for {@code next} (null: for nothing). A no-op
     * when the conversation changed meanwhile (its new step has its own follow-up).
     */
    void followedUp(Idle c, FollowUp next);

    /** {@link #followedUp} for many conversations, in one JDBC batch. */
    void followedUpAll(List<Idle> conversations, FollowUp next);

    /** Book outcomes decided before {@code decidedBefore} not yet checked for a booking, oldest first; at most {@code limit}. */
    List<BookOutcome> bookOutcomesDue(Instant decidedBefore, int limit);

    /** The triage's book outcome was checked for a booking; not listed again until it is decided again. */
    void bookOutcomeChecked(String triageId);

    /** {@link #bookOutcomeChecked} for many triages, in one statement per 500. */
    void bookOutcomesChecked(List<String> triageIds);

    /** Whose triage this is: from its finished triage, else from the conversation that carries it. */
    Optional<ProspectId> prospectOf(String triageId);

    /**
     * Every prospect whose conversation has not reached an outcome (in progress or cancelled) and started at or after
     * {@code since} and before {@code until} (either null: open), read through an index on the start.
     */
    List<ProspectId> undecided(Instant since, Instant until);

    /**
     * Deletes the prospect's conversation and finished triages; answers their triage ids. Needs no command lock: a
     * command already running stores with an UPDATE on the row's version (never an upsert), which finds no row
     * once the erasure has committed, so the command writes nothing back and tells no listener.
     */
    Set<String> erase(ProspectId prospect);

    /**
     * Deletes at most {@code limit} triages finished before {@code cutoff} and at most {@code limit} conversations
     * untouched since, oldest first; answers their triage ids. Called batch after batch (each its own short
     * transaction) until it answers fewer than it could.
     */
    Set<String> purge(Instant cutoff, int limit);
}
