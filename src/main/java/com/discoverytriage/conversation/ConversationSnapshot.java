package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.scoring.Evaluation;
import java.time.Instant;

/**
 * A conversation as stored after an accepted command: what listeners (the consultant's summary, its outbox) are
 * told about.
 *
 * @param triageId          a reference minted when the conversation starts (put in the booking link)
 * @param diagnosticId      null while the routing question is open
 * @param diagnosticVersion the hash of the diagnostic's file; null while routing
 * @param questionNumber    1-based number of the current question (0 while routing, total at review/decided)
 * @param evaluation        set once decided, else null
 * @param bookingUrl        set for a book outcome with a configured booking URL, else null
 * @param finishedAt        set once decided, else null
 */
public record ConversationSnapshot(
        ProspectId prospect,
        String triageId,
        String displayName,
        String diagnosticId,
        String diagnosticVersion,
        Phase phase,
        int questionNumber,
        int questionTotal,
        Answers answers,
        Evaluation evaluation,
        String bookingUrl,
        long step,
        Instant startedAt,
        Instant updatedAt,
        Instant finishedAt) {
}
