package com.discoverytriage.diagnostic;

/** A triage ends in exactly one of these. */
public enum OutcomeKind {
    /** Book the strategy call. */
    BOOK,
    /** Recommend something else, with the reasons. */
    ALTERNATIVE;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
