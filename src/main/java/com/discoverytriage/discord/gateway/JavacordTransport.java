package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.card.CardSender;
import com.discoverytriage.discord.card.DirectMessages;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.TextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.embed.EmbedFooter;
import org.javacord.core.util.rest.RestEndpoint;
import org.javacord.core.util.rest.RestMethod;
import org.javacord.core.util.rest.RestRequest;

/** Posting and editing cards and sending DMs with Javacord, blocking with a timeout (run off the listener thread). */
public final class JavacordTransport implements CardSender, DirectMessages {

    private static final long TIMEOUT_SECONDS = 30;
    private static final int RECENT = 100;

    private final DiscordApi api;

    public JavacordTransport(DiscordApi api) {
        this.api = api;
    }

    @Override
    public String post(long channelId, MessageSpec card, String nonce) {
        api.getTextChannelById(channelId)
                .orElseThrow(() -> new DiscordFailure(404, DiscordFailure.UNKNOWN_CHANNEL, "unknown channel"));
        return await(new RestRequest<String>(api, RestMethod.POST, RestEndpoint.MESSAGE)
                .setUrlParameters(Long.toUnsignedString(channelId))
                .setBody(postBody(card, nonce))
                .execute(result -> result.getJsonBody().get("id").asText()));
    }

    /** Javacord's MessageBuilder has setNonce but no enforce_nonce, so a card's first post is sent as this body. */
    public static ObjectNode postBody(MessageSpec card, String nonce) {
        return DiscordJson.message(card).put("nonce", nonce).put("enforce_nonce", true);
    }

    @Override
    public Optional<String> findOwn(long channelId, String footer) {
        TextChannel channel = api.getTextChannelById(channelId)
                .orElseThrow(() -> new DiscordFailure(404, DiscordFailure.UNKNOWN_CHANNEL, "unknown channel"));
        return await(channel.getMessages(RECENT)).stream()
                .filter(m -> m.getAuthor().isYourself())
                .filter(m -> m.getEmbeds().stream().anyMatch(e -> e.getFooter()
                        .flatMap(EmbedFooter::getText).filter(footer::equals).isPresent()))
                .map(Message::getIdAsString)
                .findFirst();
    }

    /**
     * {@code PATCH /channels/{channel}/messages/{message}} straight away: the bot may edit its own message without
     * fetching it first, and a fetch would need Read Message History (resources/message, "Edit Message", "Get
     * Channel Message").
     */
    @Override
    public void edit(long channelId, String messageId, MessageSpec card) {
        ObjectNode body = DiscordJson.message(card);
        if (!body.has("content")) {
            body.put("content", "");
        }
        body.remove("flags");
        await(new RestRequest<Void>(api, RestMethod.PATCH, RestEndpoint.MESSAGE)
                .setUrlParameters(Long.toUnsignedString(channelId), messageId)
                .setBody(body)
                .execute(result -> null));
    }

    @Override
    public void send(long userId, MessageSpec message) {
        await(api.getUserById(userId).thenCompose(user -> JavacordSpecs.message(message).send(user)));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DiscordFailure(0, 0, "interrupted");
        } catch (Exception e) {
            throw JavacordSpecs.failure(e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e);
        }
    }
}
