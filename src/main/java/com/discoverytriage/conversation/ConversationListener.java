package com.discoverytriage.conversation;

/**
 * Told about every accepted change of a conversation, inside the same transaction that stores it, so what a
 * listener writes to the database (an outbox row) is stored with the change or not at all. Must not talk to a
 * transport directly.
 */
public interface ConversationListener {

    void onChange(ConversationSnapshot snapshot);
}
