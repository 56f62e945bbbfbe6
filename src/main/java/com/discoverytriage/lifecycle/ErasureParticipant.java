package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ProspectId;

/**
 * Something outside the lead's life that stores data about a prospect (a transport's own tables, say) and must
 * forget it too. {@link ForgetService} calls every participant inside the erasure's transaction, so a failure
 * rolls the whole erasure back.
 */
public interface ErasureParticipant {

    /** Deletes what this participant stores about {@code prospect}; a prospect it does not know is no error. */
    void erase(ProspectId prospect);

    /**
     * The daily retention purge: deletes what this participant keeps about triages untouched since {@code cutoff}.
     * Called outside any transaction: a participant deletes in small batches, each in its own short transaction, so
     * no lock is held for long.
     */
    default void purgeBefore(java.time.Instant cutoff) {
    }
}
