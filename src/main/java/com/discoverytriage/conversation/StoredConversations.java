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
     * Conversations in progress last changed before {@code before}, least recently changed first, starting after
     * {@code after} (null: from the first); at most {@code limit}.
     */
    List<Idle> idle(Instant before, Idle after, int limit);

    /** Whose triage this is: from its finished triage, else from the conversation that carries it. */
    Optional<ProspectId> prospectOf(String triageId);

    /** Every prospect whose conversation has not reached an outcome (in progress or cancelled). */
    List<ProspectId> undecided();

    /**
     * Deletes the prospect's conversation and finished triages; answers their triage ids. Needs no command lock: a
     * command already running stores with an UPDATE on the row's version (never an upsert), which finds no row
     * once the erasure has committed, so the command writes nothing back and tells no listener.
     */
    Set<String> erase(ProspectId prospect);

    /**
     * Deletes the triages finished before {@code cutoff} and the conversations untouched since; answers their
     * triage ids.
     */
    Set<String> purge(Instant cutoff);
}
