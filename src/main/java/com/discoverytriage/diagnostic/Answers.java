package com.discoverytriage.diagnostic;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A prospect's answers by question id, in the order given. Signal and gate answers hold a {@link Reply#id()};
 * text answers hold the text (an empty string for a skipped optional question). Immutable.
 */
public record Answers(Map<String, String> values) {

    public static final Answers NONE = new Answers(Map.of());

    public Answers {
        values = values instanceof Frozen ? values : Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * A map that never changes once made, iterates in the order given and refuses every change: taken as it is,
     * not copied (the conversation's stored answers; copying them on every change grew with the answers).
     */
    public interface Frozen extends Map<String, String> {
    }

    public Optional<Reply> reply(String questionId) {
        return Reply.parse(values.get(questionId));
    }

    public Optional<String> text(String questionId) {
        return Optional.ofNullable(values.get(questionId));
    }

    public boolean has(String questionId) {
        return values.containsKey(questionId);
    }

    public Answers with(String questionId, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(questionId);
        copy.put(questionId, value);
        return new Answers(copy);
    }

    public Answers without(String questionId) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(questionId);
        return new Answers(copy);
    }
}
