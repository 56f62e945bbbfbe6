package com.discoverytriage.discord.gateway;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code triage.discord.gateway.*}: who holds the gateway connection. With several instances on one PostgreSQL
 * exactly one holds it (the leader, through an advisory lock); the others look every {@code leaderPoll} and one of
 * them takes over when the leader is gone.
 *
 * @param enabled    connect to the gateway at all; false for an instance that only serves HTTP interactions and
 *                   delivers cards (then DMs to the bot are not answered by it)
 * @param leaderPoll how often an instance that is not the leader tries to become it (at most 25 s, so a takeover
 *                   happens within 30 s)
 */
@Validated
@ConfigurationProperties("triage.discord.gateway")
public record GatewayProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("5s") Duration leaderPoll) {

    public GatewayProperties {
        if (leaderPoll.compareTo(Duration.ofMillis(100)) < 0 || leaderPoll.compareTo(Duration.ofSeconds(25)) > 0) {
            throw new IllegalArgumentException("triage.discord.gateway.leader-poll must be between 100ms and 25s, got "
                    + leaderPoll + ": for example 5s");
        }
    }
}
