package com.discoverytriage.conversation;

/** Events of the conversation machine and the message headers they carry. */
enum ConversationEvents {
    ANSWER,
    BACK,
    RESTART,
    CANCEL,
    CONFIRM,
    EDIT;

    /** Header: the raw answer of an ANSWER event; the question id of an EDIT event. */
    static final String VALUE = "value";
    /** Header: the {@link java.time.Instant} the command was received (so actions never read a clock). */
    static final String NOW = "now";
}
