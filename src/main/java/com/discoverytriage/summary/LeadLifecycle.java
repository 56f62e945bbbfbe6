package com.discoverytriage.summary;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a lead stands in its life after (or instead of) the outcome, as the card shows it: stalled or abandoned at
 * a question, decided but not booked, booked or cancelled from the calendar, erased or purged.
 *
 * @param questionNumber the question the prospect stopped at (stalled / abandoned), else 0
 * @param meetingAt      the booked meeting's start (booked / booking cancelled), else null
 * @param reminder       how the reminder went for a stall ({@code sent}, {@code no-dm}, {@code failed}, {@code interrupted}), else null
 */
public record LeadLifecycle(Stage stage, int questionNumber, int questionTotal, Instant meetingAt, String reminder,
        Instant at) {

    public enum Stage {
        STALLED,
        ABANDONED,
        DECIDED_NOT_BOOKED,
        BOOKED,
        BOOKING_CANCELLED,
        ERASED,
        PURGED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Stage> parse(String id) {
            for (Stage s : values()) {
                if (s.id().equals(id)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }

    /** The card's wording: "stalled at question 3", "booked (2025-03-04 10:00 UTC)", ... */
    public String label() {
        return switch (stage) {
            case STALLED -> "stalled at question " + questionNumber;
            case ABANDONED -> "abandoned at question " + questionNumber;
            case DECIDED_NOT_BOOKED -> "decided, not booked";
            case BOOKED -> "booked" + (meetingAt == null ? "" : " (" + meeting() + ")");
            case BOOKING_CANCELLED -> "booking cancelled" + (meetingAt == null ? "" : " (was " + meeting() + ")");
            case ERASED -> "erased at the prospect's request";
            case PURGED -> "removed after the retention period";
        };
    }

    /** True once nothing about the prospect may be shown any more. */
    public boolean gone() {
        return stage == Stage.ERASED || stage == Stage.PURGED;
    }

    private String meeting() {
        return java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
                .withZone(java.time.ZoneOffset.UTC).format(meetingAt);
    }
}
