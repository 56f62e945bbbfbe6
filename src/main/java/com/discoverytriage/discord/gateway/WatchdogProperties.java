package com.discoverytriage.discord.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code triage.discord.watchdog.*}: the {@link GatewayWatchdog}. Discord's heartbeat interval is about 41 s, so the
 * default silence is about three missed heartbeat acknowledgements.
 *
 * @param enabled    watch the gateway at all
 * @param silence    no heartbeat acknowledged for this long: drop the connection so that Javacord resumes
 * @param checkEvery how often the watchdog looks
 */
@Validated
@ConfigurationProperties("triage.discord.watchdog")
public record WatchdogProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("125s") Duration silence,
        @DefaultValue("5s") Duration checkEvery) {

    public WatchdogProperties {
        if (silence.compareTo(Duration.ofSeconds(1)) < 0 || checkEvery.compareTo(Duration.ofMillis(100)) < 0) {
            throw new IllegalArgumentException("triage.discord.watchdog: silence must be at least 1s and check-every"
                    + " at least 100ms (got silence=" + silence + ", check-every=" + checkEvery + ")");
        }
    }
}
