package com.discoverytriage.stats;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The weekly digest in the summary channel ({@code triage.digest.*}).
 *
 * @param enabled  post it at all
 * @param day      the day of the week it goes out
 * @param time     the local time it goes out, in {@code zone}
 * @param zone     the consultant's time zone (an IANA id such as Europe/Berlin)
 * @param catchUp  a digest not posted within this long of its time (the bot was down) is skipped
 */
@Validated
@ConfigurationProperties("triage.digest")
public record DigestProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("MONDAY") DayOfWeek day,
        @DefaultValue("09:00") LocalTime time,
        @DefaultValue("UTC") ZoneId zone,
        @DefaultValue("1d") Duration catchUp) {

    public static DigestProperties defaults() {
        return new DigestProperties(true, DayOfWeek.MONDAY, LocalTime.of(9, 0), ZoneId.of("UTC"), Duration.ofDays(1));
    }
}
