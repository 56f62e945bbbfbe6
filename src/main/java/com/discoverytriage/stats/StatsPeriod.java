package com.discoverytriage.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the figures cover: triages started in [since, until), of one diagnostic or (null) all of them.
 *
 * @param diagnosticId null for every diagnostic
 */
public record StatsPeriod(Instant since, Instant until, String diagnosticId) {

    public StatsPeriod {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
        if (!since.isBefore(until)) {
            throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
        }
    }

    /** Whole UTC days: from the start of {@code since} to the start of {@code until} (exclusive). */
    public static StatsPeriod days(LocalDate since, LocalDate until, String diagnosticId) {
        return new StatsPeriod(since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                until.atStartOfDay(ZoneOffset.UTC).toInstant(), diagnosticId);
    }

    /** The last {@code days} whole UTC days, {@code today} included. */
    public static StatsPeriod lastDays(int days, LocalDate today, String diagnosticId) {
        LocalDate until = today.plusDays(1);
        return days(until.minusDays(days), until, diagnosticId);
    }

    public StatsPeriod withDiagnostic(String id) {
        return new StatsPeriod(since, until, id);
    }
}
