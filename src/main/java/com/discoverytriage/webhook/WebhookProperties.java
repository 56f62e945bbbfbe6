package com.discoverytriage.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The booking webhooks ({@code triage.webhooks.*}). A provider whose secret is empty has no endpoint (404).
 *
 * @param calcomSecret       the Cal.com webhook secret ({@code CALCOM_WEBHOOK_SECRET})
 * @param calendlySigningKey the Calendly webhook signing key ({@code CALENDLY_WEBHOOK_SIGNING_KEY})
 * @param calendlyTolerance  how far a Calendly signature's timestamp may be from now
 * @param calcomTolerance    how far a Cal.com delivery's {@code createdAt} may be from now
 * @param maxBody            larger bodies are refused (413) unread
 * @param readTimeout        the whole body must arrive within this time of the request, or the connection is cut (408)
 */
@Validated
@ConfigurationProperties("triage.webhooks")
public record WebhookProperties(
        String calcomSecret,
        String calendlySigningKey,
        @DefaultValue("3m") Duration calendlyTolerance,
        @DefaultValue("5m") Duration calcomTolerance,
        @DefaultValue("64KB") DataSize maxBody,
        @DefaultValue("5s") Duration readTimeout) {

    /** Receipts are kept 30 days (RetentionPurge); a window must end long before, so a replay always meets one. */
    static final Duration LONGEST_TOLERANCE = Duration.ofDays(1);

    public WebhookProperties {
        tolerance("calendly-tolerance", calendlyTolerance, "3m");
        tolerance("calcom-tolerance", calcomTolerance, "5m");
        if (readTimeout == null || readTimeout.toMillis() < 100 || readTimeout.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("triage.webhooks.read-timeout must be between 100ms and 1m, e.g. 5s");
        }
        if (maxBody == null || maxBody.toBytes() < 1024 || maxBody.toBytes() > 10 * 1024 * 1024) {
            throw new IllegalArgumentException("triage.webhooks.max-body must be between 1KB and 10MB, e.g. 64KB");
        }
    }

    private static void tolerance(String key, Duration value, String example) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(LONGEST_TOLERANCE) > 0) {
            throw new IllegalArgumentException("triage.webhooks." + key + " must be positive and at most 1d (webhook "
                    + "receipts are kept 30 days), e.g. " + example);
        }
    }

    boolean calcomEnabled() {
        return calcomSecret != null && !calcomSecret.isBlank();
    }

    boolean calendlyEnabled() {
        return calendlySigningKey != null && !calendlySigningKey.isBlank();
    }
}
