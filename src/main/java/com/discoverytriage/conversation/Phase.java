package com.discoverytriage.conversation;

/** Where a conversation stands, as the consultant's summary shows it. */
public enum Phase {
    ROUTING,
    ASKING,
    REVIEW,
    DECIDED,
    CANCELLED
}
