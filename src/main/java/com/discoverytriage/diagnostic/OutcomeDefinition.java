package com.discoverytriage.diagnostic;

/**
 * An outcome a diagnostic can end in.
 *
 * @param why         what this outcome means for the prospect
 * @param nextStep    what the prospect should do next
 * @param wouldChange what would change the recommendation (alternatives); may be null for book
 * @param firstMonth  book outcomes: what the first 30 days of the engagement look like; may be null
 */
public record OutcomeDefinition(String id, OutcomeKind kind, String title, String why, String nextStep, String wouldChange,
        String firstMonth) {

    public OutcomeDefinition(String id, OutcomeKind kind, String title, String why, String nextStep, String wouldChange) {
        this(id, kind, title, why, nextStep, wouldChange, null);
    }
}
