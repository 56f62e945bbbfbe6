package com.discoverytriage.discord.http;

import com.discoverytriage.discord.interaction.InteractionPayloads;
import com.discoverytriage.discord.interaction.Responder;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Responder} of an interaction, whichever way it arrived: the acknowledgements as the interaction
 * callback bodies (types 4, 5, 6 and 9), and everything addressed by the interaction token ({@code @original} edits,
 * followups) through {@link InteractionCallbacks}, concurrently. The ways in differ only in how the first answer
 * leaves ({@link #acknowledge}: the gateway's path POSTs the callback, the HTTP endpoint writes it as its response)
 * and how a normal channel message is posted ({@link #postInChannel}).
 */
public abstract class CallbackResponder implements Responder {

    /** Interaction callback types (interactions/receiving-and-responding, "Interaction Callback Type"). */
    static final int CHANNEL_MESSAGE = 4;
    static final int DEFERRED_CHANNEL_MESSAGE = 5;
    static final int DEFERRED_UPDATE_MESSAGE = 6;
    static final int MODAL = 9;

    private final long applicationId;
    private final String token;
    private final InteractionCallbacks callbacks;

    protected CallbackResponder(long applicationId, String token, InteractionCallbacks callbacks) {
        this.applicationId = applicationId;
        this.token = token;
        this.callbacks = callbacks;
    }

    protected CallbackResponder(InteractionPayloads.Delivered delivered, InteractionCallbacks callbacks) {
        this(delivered.applicationId(), delivered.token(), callbacks);
    }

    /** Sends the first answer, an interaction callback body. */
    protected abstract CompletableFuture<Void> acknowledge(ObjectNode callback);

    protected final InteractionCallbacks callbacks() {
        return callbacks;
    }

    protected final String token() {
        return token;
    }

    @Override
    public CompletableFuture<Void> deferUpdate() {
        return acknowledge(DiscordJson.callback(DEFERRED_UPDATE_MESSAGE, null));
    }

    @Override
    public CompletableFuture<Void> deferReply(boolean ephemeral) {
        ObjectNode data = null;
        if (ephemeral) {
            data = JsonNodeFactory.instance.objectNode().put("flags", DiscordJson.EPHEMERAL);
        }
        return acknowledge(DiscordJson.callback(DEFERRED_CHANNEL_MESSAGE, data));
    }

    @Override
    public CompletableFuture<Void> reply(MessageSpec spec) {
        return acknowledge(DiscordJson.callback(CHANNEL_MESSAGE, DiscordJson.message(spec)));
    }

    @Override
    public CompletableFuture<Void> modal(MessageSpec.Modal modal) {
        return acknowledge(DiscordJson.callback(MODAL, DiscordJson.modal(modal)));
    }

    @Override
    public CompletableFuture<Void> editOriginal(MessageSpec spec) {
        return editOriginal(DiscordJson.message(spec));
    }

    /** An edit of the original response with a message body as a callback or followup would carry it. */
    protected final CompletableFuture<Void> editOriginal(ObjectNode message) {
        ObjectNode body = message.deepCopy();
        body.remove("flags"); // an edit cannot change whether a message is ephemeral
        if (!body.has("content")) {
            body.put("content", ""); // clears a note shown on the previous view
        }
        return callbacks.editOriginal(applicationId, token, body);
    }

    @Override
    public CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content) {
        ObjectNode body = DiscordJson.message(spec);
        body.remove("flags");
        return callbacks.editOriginalWithFile(applicationId, token, body, fileName, contentType(fileName), content);
    }

    @Override
    public CompletableFuture<Void> followup(MessageSpec spec) {
        return callbacks.followup(applicationId, token, DiscordJson.message(spec));
    }

    static String contentType(String fileName) {
        return fileName.endsWith(".csv") ? "text/csv; charset=utf-8"
                : fileName.endsWith(".png") ? "image/png" : "application/octet-stream";
    }
}
