package com.discoverytriage.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the operator's health checks call a part of the bot unwell ({@code triage.health.*}).
 *
 * @param outboxMaxAge       a card waiting longer than this makes the card outbox DOWN
 * @param lifecycleMaxSilence no successful lifecycle pass for this long makes the scheduler DOWN
 */
@Validated
@ConfigurationProperties("triage.health")
public record OpsProperties(
        @DefaultValue("15m") Duration outboxMaxAge,
        @DefaultValue("10m") Duration lifecycleMaxSilence) {

    public OpsProperties {
        if (outboxMaxAge == null || outboxMaxAge.isNegative() || outboxMaxAge.isZero()) {
            throw new IllegalArgumentException("triage.health.outbox-max-age must be a positive duration such as 15m");
        }
        if (lifecycleMaxSilence == null || lifecycleMaxSilence.isNegative() || lifecycleMaxSilence.isZero()) {
            throw new IllegalArgumentException("triage.health.lifecycle-max-silence must be a positive duration such as 10m");
        }
    }
}
