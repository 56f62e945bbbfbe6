package com.discoverytriage.discord.interaction;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code triage.discord.callbacks.*}: the application's own client for interaction callbacks and the webhook routes
 * of interaction tokens (no bot token needed), sent concurrently instead of through Javacord's single queue.
 *
 * @param apiBase         Discord's REST base
 * @param requestTimeout  longest wait for one answer; a callback's attempt is also bounded by its budget (the first
 *                        by half of it), so that a hung callback is sent again within Discord's 3 s
 * @param maxAttempts     attempts per request on 429 (after {@code retry_after}), 5xx or no answer
 * @param callbackBudget  a callback is not retried once this much time has passed since its first attempt
 */
@Validated
@ConfigurationProperties("triage.discord.callbacks")
public record InteractionProperties(
        @DefaultValue("https://discord.com/api/v10") URI apiBase,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("4") @Min(1) @Max(10) int maxAttempts,
        @DefaultValue("2500ms") Duration callbackBudget) {
}
