package com.discoverytriage.diagnostic;

import java.util.List;

/**
 * A named group of signal questions that, answered yes often enough, leads straight to an outcome: one of the
 * situations or signal sets the source material names as a fit (or not). Checked after the gates and before the
 * bands; the first fit rule that fires, in file order, decides.
 *
 * @param title   the situation's name, in the prospect's words (named in reasons and summaries)
 * @param atLeast how many of {@code questions} must be answered yes, 1 to their number
 * @param reason  why this combination leads to the outcome, in words a prospect understands
 */
public record FitRule(String id, String title, List<String> questions, int atLeast, String outcome, String reason) {

    public FitRule {
        questions = List.copyOf(questions);
    }

    /** True when the rule asks for every question of its group. */
    public boolean needsAll() {
        return atLeast == questions.size();
    }

    /** "all 3" or "at least 2 of 5", as describe and the reasons say it. */
    public String thresholdText() {
        return needsAll() ? "all " + questions.size() : "at least " + atLeast + " of " + questions.size();
    }
}
