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

    /** A short name must be this long, so that "a" or "te" picks nothing by accident. */
    private static final int SHORT_NAME_MIN = 3;

    /**
     * The diagnostic id a routing answer picks, in any case: a route's diagnostic id or label; else a short name,
     * the start of the id or of one word of the label ("product", "tech"), when exactly one route has it.
     */
    static Optional<String> route(Routing routing, String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String wanted = raw.strip().toLowerCase(Locale.ROOT);
        Optional<String> exact = routing.routes().stream()
                .filter(r -> r.diagnostic().toLowerCase(Locale.ROOT).equals(wanted)
                        || r.label().toLowerCase(Locale.ROOT).equals(wanted))
                .map(Route::diagnostic)
                .findFirst();
        if (exact.isPresent() || wanted.length() < SHORT_NAME_MIN) {
            return exact;
        }
        java.util.List<String> matches = routing.routes().stream()
                .filter(r -> r.diagnostic().toLowerCase(Locale.ROOT).startsWith(wanted)
                        || java.util.Arrays.stream(r.label().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                                .anyMatch(word -> word.startsWith(wanted)))
                .map(Route::diagnostic)
                .distinct()
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }
}
