package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.BotHealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import org.javacord.api.DiscordApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

@DisplayName("The discord readiness check follows the gateway client, also when this instance lets it go")
class DiscordHealthIndicatorTest {

    @Test
    @DisplayName("given a connected client, when the bot disconnects it (stop, or a leader letting go), then not ready")
    void clientGoneIsNotReady() {
        DiscordHealthIndicator health = new DiscordHealthIndicator(new BotHealth());
        health.connected(mock(DiscordApi.class));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);

        // the bot reports "no client" with null on every disconnect (DiscordBot.disconnect)
        health.connected(null);

        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    }
}
