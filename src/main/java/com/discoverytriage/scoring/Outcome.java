package com.discoverytriage.scoring;

import com.discoverytriage.diagnostic.OutcomeKind;
import java.util.List;

/**
 * Where a triage ends, with its reasons.
 *
 * @param rule    the rule that fired, e.g. {@code band 5-9} or {@code gate pre-product-market-fit}
 * @param reasons the rule and the answers that led here, in words a prospect understands; never empty
 */
public record Outcome(
        OutcomeKind kind,
        String id,
        String title,
        String why,
        String nextStep,
        String wouldChange,
        String rule,
        List<String> reasons) {

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
