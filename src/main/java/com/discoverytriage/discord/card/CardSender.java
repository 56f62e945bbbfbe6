package com.discoverytriage.discord.card;

import com.discoverytriage.discord.render.MessageSpec;

import java.util.Optional;

/** Posts and edits cards in a channel. Implemented over Javacord; failures are thrown as {@link DiscordFailure}. */
public interface CardSender {

    /**
     * Posts a new message; answers its id. The nonce is sent with {@code enforce_nonce}, so Discord answers the
     * message already created instead of a second one when the same post is repeated within a few minutes.
     */
    String post(long channelId, MessageSpec card, String nonce);

    void edit(long channelId, String messageId, MessageSpec card);

    /** The id of one of the bot's own recent messages in the channel whose embed footer is {@code footer}. */
    Optional<String> findOwn(long channelId, String footer);
}
