package com.discoverytriage.scoring;

import com.discoverytriage.diagnostic.OutcomeKind;
import java.util.List;

/**
 * Where a triage ends, with its reasons.
 *
 * @param rule    the rule that fired: {@code gate <id>}, {@code fit <id>} or {@code band <min>-<max>}
 * @param reasons the rule and the answers that led here, in words a prospect understands; never empty
 * @param firstMonth book outcomes: what the first 30 days of the engagement look like; may be null
 */
public record Outcome(
        OutcomeKind kind,
        String id,
        String title,
        String why,
        String nextStep,
        String wouldChange,
        String rule,
        List<String> reasons,
        String firstMonth) {

    public Outcome(OutcomeKind kind, String id, String title, String why, String nextStep, String wouldChange,
            String rule, List<String> reasons) {
        this(kind, id, title, why, nextStep, wouldChange, rule, reasons, null);
    }

    public Outcome {
        reasons = List.copyOf(reasons);
        if (reasons.isEmpty()) {
            throw new IllegalArgumentException("an outcome always carries its reasons");
        }
    }

    public boolean isBook() {
        return kind == OutcomeKind.BOOK;
    }
}
