package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.diagnostic.Route;
import com.discoverytriage.diagnostic.Routing;
import java.util.Locale;
import java.util.Optional;

/** Turns what a prospect sent into the stored form of an answer, or nothing when it does not answer the question. */
final class AnswerParser {

    private AnswerParser() {
    }

    /**
     * A reply id for a signal or gate question; trimmed text cut to the question's maximum length for a text
     * question (an empty string when an optional question is skipped).
     */
    static Optional<String> answer(Question question, String raw) {
        if (question.kind() != QuestionKind.TEXT) {
            return Reply.parse(raw).map(Reply::id);
        }
        String text = raw == null ? "" : raw.strip();
        if (text.isEmpty()) {
            return question.optional() ? Optional.of("") : Optional.empty();
        }
        if (text.length() > question.maxLength()) {
            int end = question.maxLength();
            if (Character.isHighSurrogate(text.charAt(end - 1))) {
                end--;
            }
            text = text.substring(0, end).strip();
        }
        return Optional.of(text);
    }

    /** The diagnostic id a routing answer picks: a route's diagnostic id or its label, in any case. */
    static Optional<String> route(Routing routing, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String wanted = raw.strip().toLowerCase(Locale.ROOT);
        return routing.routes().stream()
                .filter(r -> r.diagnostic().toLowerCase(Locale.ROOT).equals(wanted)
                        || r.label().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Route::diagnostic)
                .findFirst();
    }
}
