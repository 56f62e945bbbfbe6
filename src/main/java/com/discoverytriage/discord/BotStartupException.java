package com.discoverytriage.discord;

/** The bot cannot start (missing or rejected token); the message names the fix and never the token. */
public class BotStartupException extends RuntimeException {

    public BotStartupException(String message) {
        super(message);
    }
}
