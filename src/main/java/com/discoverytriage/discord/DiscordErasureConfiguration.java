package com.discoverytriage.discord;

import com.discoverytriage.discord.card.ClosedDms;
import com.discoverytriage.discord.interaction.TriageAllowance;

import com.discoverytriage.lifecycle.ErasureParticipant;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the Discord adapter stores about a prospect is erased with the rest, even when the bot itself is disabled
 * (the CLI's {@code forget} runs with {@code triage.discord.enabled=false}): hence apart from
 * {@link DiscordConfiguration} and its condition.
 */
@Configuration(proxyBeanMethods = false)
public class DiscordErasureConfiguration {

    @Bean
    ErasureParticipant discordClosedDmsErasure(JdbcTemplate jdbc,
            ObjectProvider<Clock> clock) {
        return new ClosedDms(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ErasureParticipant discordTriageStartsErasure(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        // erasing needs no allowance: any number will do
        return new TriageAllowance(jdbc, clock.getIfAvailable(Clock::systemUTC), 1);
    }
}
