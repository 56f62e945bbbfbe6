package com.discoverytriage.conversation;

/** What kind of change a {@link ConversationListener} is told about, besides the snapshot after it. */
public enum ConversationChange {

    /** The change began the snapshot's triage (a Start, or Start over): a triage id never stored before. */
    TRIAGE_BEGINS,

    /**
     * The same triage moved between questions and the review (an answer, Back, an edit): no outcome before or after,
     * not cancelled, the same diagnostic and file version. Only the answers, the question on screen and the time
     * changed, and the conversation's own row holds them.
     */
    PROGRESS,

    /** Anything else: an outcome reached or left, a cancel, a diagnostic picked or its file changed. */
    OTHER
}
