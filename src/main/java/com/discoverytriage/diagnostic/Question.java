package com.discoverytriage.diagnostic;

import java.util.Objects;

/**
 * One question of a diagnostic.
 *
 * @param id        stable id, used in answers, scoring rules and transcripts
 * @param kind      signal, gate or text
 * @param text      the question as the prospect reads it (short: it is read on a phone)
 * @param help      an optional line that explains the question, may be null
 * @param optional  text questions only: the prospect may skip it
 * @param maxLength text questions only: the longest answer kept (characters)
 */
public record Question(String id, QuestionKind kind, String text, String help, boolean optional, int maxLength) {

    public static final int DEFAULT_MAX_LENGTH = 1000;

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        if (maxLength <= 0) {
            maxLength = DEFAULT_MAX_LENGTH;
        }
    }

    public boolean isScored() {
        return kind != QuestionKind.TEXT;
    }
}
