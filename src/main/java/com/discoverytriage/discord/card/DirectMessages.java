package com.discoverytriage.discord.card;

import com.discoverytriage.discord.render.MessageSpec;

/** Sends a DM to a user. Implemented over Javacord; failures are thrown as {@link DiscordFailure}. */
public interface DirectMessages {

    void send(long userId, MessageSpec message);
}
