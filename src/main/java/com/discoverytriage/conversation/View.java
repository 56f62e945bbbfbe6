package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.scoring.Evaluation;
import java.util.List;

/**
 * What a transport shows the prospect, with no idea of how: each transport renders these in its own way.
 * {@code step} grows by one with every accepted command; a transport puts it in its buttons so that a click on an
 * old question is recognised as stale.
 */
public sealed interface View {

    long step();

    /** One choice offered as a button (or typed in the console). */
    record Choice(String value, String label) {
    }

    /**
     * One question. For the routing question {@code diagnosticId} and {@code kind} are null and the choices are the
     * routes. A text question has no choices.
     */
    record QuestionView(
            long step,
            String diagnosticId,
            String questionId,
            QuestionKind kind,
            String text,
            String help,
            int number,
            int total,
            List<Choice> choices,
            boolean allowsBack,
            boolean optional,
            int maxLength) implements View {

        public QuestionView {
            choices = List.copyOf(choices);
        }

        public boolean freeText() {
            return choices.isEmpty();
        }
    }

    /** A question and the answer as the prospect gave it, for the review. */
    record AnsweredQuestion(String questionId, String text, String answer) {
    }

    /** The final review before the outcome: every answer, confirm or go back. */
    record ReviewView(long step, String diagnosticId, List<AnsweredQuestion> answered) implements View {

        public ReviewView {
            answered = List.copyOf(answered);
        }
    }

    /**
     * The outcome. {@code bookingUrl} is set for a book outcome when a booking URL is configured; otherwise the
     * next step says what happens.
     */
    record OutcomeView(long step, String diagnosticId, Evaluation evaluation, String bookingUrl, String nextStep)
            implements View {
    }

    /** A gentle note (odd answer, stale click, nothing to go back to) and the view that still stands. */
    record NoticeView(long step, String text, View current) implements View {
    }

    /** The conversation was cancelled. */
    record EndedView(long step, String text) implements View {
    }
}
