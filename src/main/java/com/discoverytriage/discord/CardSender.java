package com.discoverytriage.discord;

/** Posts and edits cards in a channel. Implemented over Javacord; failures are thrown as {@link DiscordFailure}. */
public interface CardSender {

    /** Posts a new message; answers its id. */
    String post(long channelId, MessageSpec card);

    void edit(long channelId, String messageId, MessageSpec card);
}
