package com.discoverytriage.scoring;

import java.util.List;

/**
 * How the yes/no questions were answered, with one rule for "not sure" everywhere (score JSON, reasons, summary):
 * {@code yes} and {@code no} count the signal questions (unanswered counts as no); {@code unsure} counts every signal
 * or gate question answered "not sure" (or "maybe", "don't know"), which the rules treat as no and the reasons list
 * for the call, and {@code unsureQuestions} names them in the order asked.
 */
public record SignalCounts(int yes, int no, int unsure, List<String> unsureQuestions) {

    public SignalCounts {
        unsureQuestions = List.copyOf(unsureQuestions);
    }
}
