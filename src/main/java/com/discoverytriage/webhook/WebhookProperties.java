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
 * @param maxBody            larger bodies are refused (413) unread
 */
@Validated
@ConfigurationProperties("triage.webhooks")
public record WebhookProperties(
        String calcomSecret,
        String calendlySigningKey,
        @DefaultValue("3m") Duration calendlyTolerance,
        @DefaultValue("64KB") DataSize maxBody) {

    public WebhookProperties {
        if (calendlyTolerance == null || calendlyTolerance.isNegative() || calendlyTolerance.isZero()) {
            throw new IllegalArgumentException("triage.webhooks.calendly-tolerance must be positive, e.g. 3m");
        }
        if (maxBody == null || maxBody.toBytes() < 1024 || maxBody.toBytes() > 10 * 1024 * 1024) {
            throw new IllegalArgumentException("triage.webhooks.max-body must be between 1KB and 10MB, e.g. 64KB");
        }
    }

    boolean calcomEnabled() {
        return calcomSecret != null && !calcomSecret.isBlank();
    }

    boolean calendlyEnabled() {
        return calendlySigningKey != null && !calendlySigningKey.isBlank();
    }
}
