package com.discoverytriage.diagnostic;

/** What a question asks for, and so how its answer is used by the rules. */
public enum QuestionKind {
    /** A yes / no / not sure question whose "yes" answers are counted against the bands. */
    SIGNAL,
    /** A yes / no / not sure question that can lead straight to an alternative, whatever the count. */
    GATE,
    /** Free text the consultant wants before a call; never scored. */
    TEXT;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
