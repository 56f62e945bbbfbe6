package com.discoverytriage.conversation;

/**
 * Told about every accepted change of a conversation, inside the same transaction that stores it, so what a
 * listener writes to the database (an outbox row) is stored with the change or not at all. Must not talk to a
 * transport directly.
 */
public interface ConversationListener {

    void onChange(ConversationSnapshot snapshot);

    /**
     * The same, saying whether this change began the snapshot's triage (a Start, or Start over: a triage id never
     * stored before), so a listener keeping rows per triage can insert them without first looking for them.
     */
    default void onChange(ConversationSnapshot snapshot, boolean triageBegins) {
        onChange(snapshot);
    }
}
