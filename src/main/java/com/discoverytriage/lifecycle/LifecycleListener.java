package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ConversationListener;
import com.discoverytriage.conversation.ConversationSnapshot;

/** A prospect who acts again ends the stall, the expiry or the "not booked" flag of that triage, in the same transaction. */
public class LifecycleListener implements ConversationListener {

    private final LifecycleStore store;

    public LifecycleListener(LifecycleStore store) {
        this.store = store;
    }

    @Override
    public void onChange(ConversationSnapshot snapshot) {
        store.active(snapshot.triageId());
    }
}
