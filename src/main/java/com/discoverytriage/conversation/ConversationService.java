package com.discoverytriage.conversation;

import java.util.Optional;

/**
 * The one entry point of every transport. Applies one prospect's commands in order, each exactly once, and stores
 * the result before returning the view.
 */
public interface ConversationService {

    /** Applies the command to the prospect's conversation as it stands. */
    View handle(ProspectId prospect, Command command);

    /**
     * Applies the command only if the conversation is still at {@code expectedStep} (the step of the view the
     * prospect acted on); otherwise changes nothing and answers a {@link View.NoticeView} with the current view.
     */
    View handle(ProspectId prospect, Command command, long expectedStep);

    /** The stored conversation, if the prospect has one (in progress, decided or cancelled). */
    Optional<ConversationSnapshot> find(ProspectId prospect);

    /**
     * {@link #find} for many prospects at once (those without a conversation are left out), for the periodic
     * passes; an implementation over a database reads them in a few statements instead of one each.
     */
    default java.util.List<ConversationSnapshot> findMany(java.util.List<ProspectId> prospects) {
        return prospects.stream().map(this::find).flatMap(Optional::stream).toList();
    }
}
