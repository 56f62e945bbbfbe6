package com.discoverytriage.summary;

import com.discoverytriage.conversation.Phase;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.scoring.SignalCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Everything the consultant gets about one triage, whatever the channel: the Discord card, the console text, the
 * JSON line. Built from a stored conversation by {@link TriageSummaries}; renderers only format it.
 *
 * @param diagnosticId    null while the prospect is still at the routing question
 * @param outcome         null until decided
 * @param profileLabel    what the matched profile is called ("Situation", "Engagement model"), null if none
 * @param profileTitle    the matched situation or engagement model, null if none matched
 * @param bookingUrl      the prefilled booking link of a book outcome, null otherwise
 */
public record TriageSummary(
        String triageId,
        String prospectId,
        String displayName,
        String diagnosticId,
        String diagnosticTitle,
        String diagnosticVersion,
        Phase phase,
        int questionNumber,
        int questionTotal,
        Instant startedAt,
        Instant finishedAt,
        List<Item> answers,
        SignalCounts signals,
        Outcome outcome,
        String profileLabel,
        String profileTitle,
        String bookingUrl) {

    public TriageSummary {
        answers = List.copyOf(answers);
    }

    /**
     * One question asked and its answer as the prospect gave it.
     *
     * @param answer  display form ("Yes", "No", "Not sure", the text, or "(skipped)")
     * @param flagged true for a "not sure" answer to a scored question: raise it on the call
     */
    public record Item(String questionId, QuestionKind kind, String question, String answer, boolean flagged) {
    }

    /** Time from start to outcome, or null while undecided. */
    public Duration timeTaken() {
        return finishedAt == null || startedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
