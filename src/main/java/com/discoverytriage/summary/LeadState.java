package com.discoverytriage.summary;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * What the consultant and the prospect did with a triage after the outcome: the lead status set on the card, the
 * prospect's "talk to the consultant anyway", and an outcome override.
 *
 * @param status     null until the consultant sets one
 * @param overrideBy who booked the prospect against the rules' outcome, null if nobody
 * @param note       a short note for the card (for example that the prospect could not be told by DM), may be null
 * @param lifecycle  stalled / abandoned / decided not booked / booked / cancelled / erased, null if none of these
 */
public record LeadState(
        String triageId,
        Status status,
        String statusBy,
        Instant statusAt,
        boolean talkAnyway,
        Instant talkAnywayAt,
        String overrideBy,
        Instant overrideAt,
        String note,
        LeadLifecycle lifecycle) {

    /** A lead state without lifecycle information. */
    public LeadState(String triageId, Status status, String statusBy, Instant statusAt, boolean talkAnyway,
            Instant talkAnywayAt, String overrideBy, Instant overrideAt, String note) {
        this(triageId, status, statusBy, statusAt, talkAnyway, talkAnywayAt, overrideBy, overrideAt, note, null);
    }

    public static LeadState none(String triageId) {
        return new LeadState(triageId, null, null, null, false, null, null, null, null, null);
    }

    public LeadState withLifecycle(LeadLifecycle lifecycle) {
        return new LeadState(triageId, status, statusBy, statusAt, talkAnyway, talkAnywayAt, overrideBy, overrideAt,
                note, lifecycle);
    }

    public enum Status {
        CONTACTED("Contacted"),
        BOOKED("Booked"),
        NOT_A_FIT("Not a fit");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Status> parse(String id) {
            for (Status s : values()) {
                if (s.id().equals(id)) {
                    return Optional.of(s);
                }
            }
            return Optional.empty();
        }
    }
}
