package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ProspectId;

/**
 * Reaches a prospect outside a conversation (the stall reminder). Implemented by a transport; without one, nobody
 * is reminded and the card alone says the prospect stalled.
 */
public interface ProspectNotifier {

    /** How a reminder went, as the card notes it. */
    enum Result {
        SENT("sent"),
        /** The transport cannot reach this prospect (DMs closed, not on that transport). */
        UNREACHABLE("no-dm"),
        FAILED("failed");

        private final String id;

        Result(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * Reminds the prospect that their fit check waits at question {@code questionNumber}, with a way to continue.
     * Called at most once per stall.
     */
    Result remind(ProspectId prospect, int questionNumber, int questionTotal);

    /** No transport: nobody can be reminded. */
    ProspectNotifier NONE = (prospect, n, total) -> Result.UNREACHABLE;
}
