package com.discoverytriage.discord.gateway;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;
import org.javacord.api.entity.intent.Intent;

/**
 * Builds and logs in the one Javacord client. Only non-privileged intents: GUILDS (channels, roles) and
 * DIRECT_MESSAGES (a prospect who DMs the bot). No MESSAGE_CONTENT, GUILD_MEMBERS or GUILD_PRESENCES. Customisers
 * (for example a test pointing Javacord at a loopback stand-in) see the builder before login.
 */
public class DiscordApiFactory {

    static final Intent[] INTENTS = {Intent.GUILDS, Intent.DIRECT_MESSAGES};

    private final List<Consumer<DiscordApiBuilder>> customisers;

    public DiscordApiFactory(List<Consumer<DiscordApiBuilder>> customisers) {
        this.customisers = List.copyOf(customisers);
    }

    /**
     * Starts logging in; the future completes at READY. Javacord retries an unreachable gateway forever without
     * completing it, so the caller bounds the wait.
     */
    public CompletableFuture<DiscordApi> login(String token) {
        GatewayRetryLogs.install();
        DiscordApiBuilder builder = new DiscordApiBuilder().setToken(token).setIntents(INTENTS);
        customisers.forEach(c -> c.accept(builder));
        return builder.login();
    }
}
