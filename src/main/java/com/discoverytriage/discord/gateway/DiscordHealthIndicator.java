package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.BotHealth;

import org.javacord.api.DiscordApi;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * The {@code discord} readiness check: the gateway is connected (Javacord's lost-connection, resume and reconnect
 * events) and {@link BotHealth} reports no 401 / 403 problem. In the readiness group only: a bot waiting for
 * Discord is not ready, but restarting it would not help.
 */
public class DiscordHealthIndicator implements HealthIndicator {

    private final BotHealth bot;
    private volatile boolean connected;
    private volatile boolean everConnected;

    public DiscordHealthIndicator(BotHealth bot) {
        this.bot = bot;
    }

    /**
     * Called once the client is logged in: from then on Javacord's connection events keep the flag. Called with
     * null when the bot disconnects the client (it stops, or, with several instances, lets the gateway go).
     */
    public void connected(DiscordApi api) {
        if (api == null) {
            connected = false;
            return;
        }
        api.addLostConnectionListener(event -> connected = false);
        api.addResumeListener(event -> connected = true);
        api.addReconnectListener(event -> connected = true);
        connected = true;
        everConnected = true;
    }

    @Override
    public Health health() {
        Health.Builder health = connected && bot.healthy() ? Health.up() : Health.down();
        health.withDetail("gateway", connected ? "connected" : everConnected ? "reconnecting" : "not connected yet");
        if (!bot.healthy()) {
            health.withDetail("problem", bot.problem());
        }
        return health.build();
    }
}
