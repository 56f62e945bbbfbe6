package com.discoverytriage.lifecycle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timings of a lead's life after the chat ({@code triage.*}).
 *
 * @param reminderAfter     idle time on a question before the one reminder
 * @param expireAfter       idle time before the conversation counts as abandoned (longer than reminderAfter)
 * @param bookingNudgeAfter time after a book outcome without a booking before the card says "decided, not booked"
 * @param retentionDays     finished triages (and everything tied to them) older than this are purged, daily
 * @param lifecycleInterval how often the stored timestamps are checked
 */
@Validated
@ConfigurationProperties("triage")
public record LifecycleProperties(
        @DefaultValue("24h") Duration reminderAfter,
        @DefaultValue("7d") Duration expireAfter,
        @DefaultValue("48h") Duration bookingNudgeAfter,
        @DefaultValue("365") @Min(1) @Max(36500) int retentionDays,
        @DefaultValue("1m") Duration lifecycleInterval) {

    public LifecycleProperties {
        positive("triage.reminder-after", reminderAfter);
        positive("triage.expire-after", expireAfter);
        positive("triage.booking-nudge-after", bookingNudgeAfter);
        positive("triage.lifecycle-interval", lifecycleInterval);
        if (expireAfter.compareTo(reminderAfter) <= 0) {
            throw new IllegalArgumentException("triage.expire-after (" + expireAfter + ") must be longer than "
                    + "triage.reminder-after (" + reminderAfter + "): a stalled prospect is reminded before the "
                    + "conversation expires");
        }
    }

    public static LifecycleProperties defaults() {
        return new LifecycleProperties(Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(48), 365,
                Duration.ofMinutes(1));
    }

    public Duration retention() {
        return Duration.ofDays(retentionDays);
    }

    private static void positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be a positive duration such as 24h or 7d, got " + value);
        }
    }
}
