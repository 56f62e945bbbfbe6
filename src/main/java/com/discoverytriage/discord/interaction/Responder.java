package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.MessageSpec;

import java.util.concurrent.CompletableFuture;

/**
 * Answers one interaction. Implemented once for both ways in ({@code discord.http.CallbackResponder}); tests use
 * fakes. The first call must be one of the acknowledgements ({@link #deferUpdate}, {@link #deferReply},
 * {@link #reply}, {@link #modal}) and must happen within Discord's 3 seconds; the rest may come later, within the
 * 15 minutes of the interaction token.
 */
public interface Responder {

    /** Callback type 6: acknowledge a click, the message it was on is edited later. */
    CompletableFuture<Void> deferUpdate();

    /** Callback type 5: acknowledge, a new (ephemeral in a server) message follows. */
    CompletableFuture<Void> deferReply(boolean ephemeral);

    /** Callback type 4: answer at once with a message. */
    CompletableFuture<Void> reply(MessageSpec spec);

    /** Callback type 9: open a modal. */
    CompletableFuture<Void> modal(MessageSpec.Modal modal);

    /** Edit the original response (or the message a deferred click was on). */
    CompletableFuture<Void> editOriginal(MessageSpec spec);

    /**
     * Edit the original response and attach one file (a multipart request: {@code payload_json} and
     * {@code files[0]}); the caller keeps {@code content} within Discord's attachment limit.
     */
    CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content);

    /** A further message after the acknowledgement. */
    CompletableFuture<Void> followup(MessageSpec spec);

    /** Post a normal message in the channel the interaction came from (the panel). */
    CompletableFuture<Void> postInChannel(MessageSpec spec);
}
