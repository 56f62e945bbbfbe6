package com.discoverytriage.conversation;

import java.util.List;

/** Every finished triage, read from the {@code finished_triage} table. */
final class JdbcFinishedTriages implements FinishedTriages {

    private final ConversationStore store;

    JdbcFinishedTriages(ConversationStore store) {
        this.store = store;
    }

    @Override
    public List<FinishedTriage> findAll(String diagnosticId) {
        return store.findFinished(diagnosticId);
    }
}
