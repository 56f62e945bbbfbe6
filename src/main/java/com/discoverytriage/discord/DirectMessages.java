package com.discoverytriage.discord;

/** Sends a DM to a user. Implemented over Javacord; failures are thrown as {@link DiscordFailure}. */
public interface DirectMessages {

    void send(long userId, MessageSpec message);
}
