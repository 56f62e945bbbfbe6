package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interaction being answered: what arrived (trusted as far as {@link ServerPolicy} allows), its decoded custom
 * id (null for a command), the {@link Responder} of the way it arrived, and the only way to its work
 * ({@link InteractionWork}), so that every kind is applied at most once.
 */
public final class InteractionContext {

    private static final Logger log = LoggerFactory.getLogger(InteractionContext.class);

    private final Interaction interaction;
    private final CustomId customId;
    private final Responder responder;
    private final InteractionWork work;
    private final String failureNote;

    InteractionContext(Interaction interaction, CustomId customId, Responder responder, InteractionWork work,
            String failureNote) {
        this.interaction = interaction;
        this.customId = customId;
        this.responder = responder;
        this.work = work;
        this.failureNote = failureNote;
    }

    public Interaction interaction() {
        return interaction;
    }

    /** The button's, select's or form's custom id, verified; null for a command. */
    public CustomId customId() {
        return customId;
    }

    public Responder responder() {
        return responder;
    }

    /** An ephemeral answer at once: a refusal or a note that changes nothing. */
    public void note(String text) {
        send(responder.reply(ProspectRenderer.note(text).asEphemeral(true)));
    }

    /**
     * Runs {@code result} on the workers once {@code ack} went through, for the first delivery only, and edits the
     * original response with what it returns.
     */
    public void later(CompletableFuture<Void> ack, Supplier<MessageSpec> result) {
        whenAcknowledged(ack, () -> {
            MessageSpec spec = result.get();
            send(ack.thenCompose(v -> responder.editOriginal(spec)));
        });
    }

    /** Runs {@code work} on the workers once {@code ack} went through, for the first delivery only. */
    public void whenAcknowledged(CompletableFuture<Void> ack, Runnable task) {
        work.afterAcknowledgement(interaction.id(), interaction.userId(), ack, task,
                () -> send(responder.followup(ProspectRenderer.note(TriageInteractions.BUSY).asEphemeral(true))),
                e -> {
                    log.error("handling an interaction failed ({}): {}", interaction, e.getClass().getSimpleName());
                    send(responder.editOriginal(ProspectRenderer.note(failureNote)));
                });
    }

    /** Logs a failed answer (an expired token quietly: the prospect resumes with /triage). */
    public void send(CompletableFuture<?> answer) {
        answer.whenComplete((ok, t) -> {
            if (t == null) {
                return;
            }
            DiscordFailure f = DiscordFailure.of(t);
            if (f.interactionExpired()) {
                log.info("an interaction token expired before the answer was shown; the prospect can resume with /triage");
            } else {
                log.warn("could not answer {}: {}", interaction, f);
            }
        });
    }
}
