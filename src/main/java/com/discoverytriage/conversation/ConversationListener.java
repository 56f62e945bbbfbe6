package com.discoverytriage.conversation;

/**
 * Told about every accepted change of a conversation, inside the same transaction that stores it, so what a
 * listener writes to the database (an outbox row) is stored with the change or not at all. Must not talk to a
 * transport directly.
 */
public interface ConversationListener {

    void onChange(ConversationSnapshot snapshot);

    /**
     * The same, saying what kind of change it was (the service calls this one): a listener keeping rows per triage
     * can insert them on {@link ConversationChange#TRIAGE_BEGINS} without first looking for them, or leave to the
     * conversation's row what only a {@link ConversationChange#PROGRESS} change moved.
     */
    default void onChange(ConversationSnapshot snapshot, ConversationChange change) {
        onChange(snapshot);
    }
}
