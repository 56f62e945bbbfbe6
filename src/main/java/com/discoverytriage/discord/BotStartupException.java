package com.discoverytriage.discord;

/** The bot cannot start (missing or rejected token, Discord unreachable); names the fix and never the token. */
public class BotStartupException extends RuntimeException {

    static final String TOKEN_ACTION = "Set DISCORD_TOKEN to your bot's token (Discord developer portal > your "
            + "application > Bot > Reset Token), or run with --triage.discord.enabled=false.";

    private final String action;

    public BotStartupException(String message) {
        this(message, TOKEN_ACTION);
    }

    public BotStartupException(String message, String action) {
        super(message);
        this.action = action;
    }

    /** No token configured: the message names the variable and where a token comes from, never a value. */
    public static BotStartupException missingToken() {
        return new BotStartupException("DISCORD_TOKEN is not set: the Discord bot needs its token "
                + "(Discord developer portal > your application > Bot tab).");
    }

    /** What the operator should do about it. */
    public String action() {
        return action;
    }
}
