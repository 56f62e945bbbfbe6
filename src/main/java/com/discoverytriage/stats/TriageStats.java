package com.discoverytriage.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The figures for a period, as the consultant and the scripts see them. Counts are of triages started in the
 * period; a triage replaced by Start over before its outcome is not counted (its successor is).
 *
 * @param started       triages started
 * @param finished      of those, decided (an outcome was shown)
 * @param abandoned     of those, not decided and idle longer than {@code triage.expire-after}, or cancelled
 * @param inProgress    neither: still open
 * @param bookOutcomes  decided with a book outcome
 * @param booked        of those, confirmed by the calendar (a booking webhook) and not cancelled
 * @param talkAnyway    "talk to the consultant anyway" pressed after an alternative
 * @param overrides     outcomes overridden by the consultant
 * @param medianToFinish  median time from start to outcome (nearest rank), null when nothing finished
 * @param p90ToFinish     90th percentile (nearest rank), null when nothing finished
 * @param questions     per question of each diagnostic, in order: reached, dropped there, "not sure" rate
 * @param asOf          when the figures were read (what "idle longer than" is measured from)
 */
public record TriageStats(
        StatsPeriod period,
        int started,
        int finished,
        int abandoned,
        int inProgress,
        List<OutcomeCount> outcomes,
        int bookOutcomes,
        int booked,
        int talkAnyway,
        int overrides,
        Duration medianToFinish,
        Duration p90ToFinish,
        List<QuestionFigures> questions,
        Instant asOf) {

    public TriageStats {
        outcomes = List.copyOf(outcomes);
        questions = List.copyOf(questions);
    }

    /** How many triages ended in one outcome. */
    public record OutcomeCount(String diagnosticId, String kind, String outcomeId, int count) {
    }

    /**
     * One question's line of the funnel.
     *
     * @param number   1-based position in its diagnostic
     * @param reached  triages that got to it (answered it, or had it on screen when they left)
     * @param dropped  abandoned triages that stopped at it (each counted once, at the question they left on)
     * @param answered yes / no / not sure answers (text questions: 0)
     * @param unsure   "not sure" answers
     */
    public record QuestionFigures(String diagnosticId, int number, String questionId, String kind, int reached,
            int dropped, int answered, int unsure) {

        /** Share of the answers that were "not sure", 0 when nobody answered. */
        public double unsureRate() {
            return answered == 0 ? 0 : (double) unsure / answered;
        }
    }

    /** booked / book outcomes, 0 when there was no book outcome. */
    public double bookingConversion() {
        return bookOutcomes == 0 ? 0 : (double) booked / bookOutcomes;
    }

    public List<QuestionFigures> questionsOf(String diagnosticId) {
        return questions.stream().filter(q -> q.diagnosticId().equals(diagnosticId)).toList();
    }

    /** The diagnostics that have funnel lines, in order. */
    public List<String> diagnostics() {
        return questions.stream().map(QuestionFigures::diagnosticId).distinct().toList();
    }
}
