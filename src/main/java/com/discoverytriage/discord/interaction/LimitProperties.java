package com.discoverytriage.discord.interaction;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code triage.discord.limits.*}: what one person may ask of the bot.
 *
 * @param triagesPerDay    new triages (each a new card for the consultant) one person may start in 24 hours
 * @param queuedPerPerson  interactions of one person waiting for a worker at once; more are answered "busy", so one
 *                         person clicking fast never fills the shared queue
 */
@Validated
@ConfigurationProperties("triage.discord.limits")
public record LimitProperties(
        @DefaultValue("3") @Min(1) @Max(1000) int triagesPerDay,
        @DefaultValue("10") @Min(1) @Max(1000) int queuedPerPerson) {
}
