package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ConversationSnapshot;

/**
 * Something that keeps its own record of where a triage stands and must hear when the lifecycle gives an idle
 * triage up (abandoned after the expiry period): the conversation itself does not change then, so no conversation
 * listener is told. Called in the transaction that marks the conversation done, with the conversation as it stands.
 */
public interface AbandonmentListener {

    void abandoned(ConversationSnapshot snapshot);
}
