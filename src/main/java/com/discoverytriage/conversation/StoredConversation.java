package com.discoverytriage.conversation;

import java.time.Instant;

/**
 * One row of the {@code conversation} table.
 *
 * @param step    grows by one with every accepted command (what a transport puts in its buttons)
 * @param version the optimistic-locking version of the row
 */
record StoredConversation(
        ProspectId prospect,
        String displayName,
        String state,
        String diagnosticVersion,
        long step,
        long version,
        Instant updatedAt,
        ConversationData data) {
}
