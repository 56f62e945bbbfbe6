package com.discoverytriage.discord.http;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code triage.discord.http.*}: Discord's Interactions Endpoint URL. On when the application's public key is set
 * ({@code DISCORD_PUBLIC_KEY}, developer portal > General Information > Public Key).
 *
 * @param publicKey    the application's Ed25519 public key, 64 hex characters; empty: no HTTP endpoint
 * @param path         where Discord POSTs interactions
 * @param maxBody      larger bodies are refused (413) before their signature is checked
 * @param maxAge       a signature timestamp further than this from now is refused (401) against replays
 * @param answerWithin the longest the endpoint waits for the first answer before it sends a deferred one
 *                     (Discord's deadline is 3 s from the interaction)
 */
@Validated
@ConfigurationProperties("triage.discord.http")
public record HttpInteractionProperties(
        String publicKey,
        @DefaultValue("/discord/interactions") String path,
        @DefaultValue("256KB") DataSize maxBody,
        @DefaultValue("5m") Duration maxAge,
        @DefaultValue("2000ms") Duration answerWithin) {

    public HttpInteractionProperties {
        if (publicKey != null && !publicKey.isBlank()) {
            InteractionSignatures.check(publicKey);
        }
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("triage.discord.http.path must start with '/', got " + path
                    + ": for example /discord/interactions");
        }
        if (answerWithin.compareTo(Duration.ofMillis(2800)) > 0 || answerWithin.isNegative()) {
            throw new IllegalArgumentException("triage.discord.http.answer-within must be under Discord's 3 s deadline,"
                    + " got " + answerWithin + ": for example 2000ms");
        }
    }

    public boolean enabled() {
        return publicKey != null && !publicKey.isBlank();
    }
}
