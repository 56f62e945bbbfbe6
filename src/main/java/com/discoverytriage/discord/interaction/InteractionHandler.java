package com.discoverytriage.discord.interaction;

import java.util.Objects;

/**
 * Answers one kind of interaction: one slash command, or the buttons, selects and forms of one custom-id family.
 * The dispatcher ({@link TriageInteractions}) collects every handler from the application's beans, routes each
 * interaction to the one that claims it, and refuses two claims of the same kind at start-up.
 *
 * <p>{@link #handle} runs on the listener thread (or the HTTP endpoint's): it checks what needs no database and
 * acknowledges at once. Anything that changes or reads stored state goes through the context's
 * {@link InteractionContext#later} or {@link InteractionContext#whenAcknowledged}, which run it on the workers for the
 * first delivery of the interaction only.
 */
public interface InteractionHandler {

    String SOMETHING_WENT_WRONG = "Something went wrong on our side. Use /triage to continue.";

    /** What this handler answers. */
    Claim claim();

    void handle(InteractionContext context);

    /** Shown in place of the original response when the work fails. */
    default String failureNote() {
        return SOMETHING_WENT_WRONG;
    }

    /** A slash command (by its {@link Interaction.Kind}) or a custom-id family (by {@link CustomId#kind()}). */
    record Claim(Interaction.Kind command, String customIdKind) {

        public Claim {
            if ((command == null) == (customIdKind == null)) {
                throw new IllegalArgumentException("a claim names a command or a custom-id family, not both");
            }
            if (command == Interaction.Kind.BUTTON || command == Interaction.Kind.MODAL) {
                throw new IllegalArgumentException("buttons and forms are claimed by their custom-id family");
            }
        }

        public static Claim command(Interaction.Kind kind) {
            return new Claim(Objects.requireNonNull(kind, "kind"), null);
        }

        public static Claim customId(String kind) {
            return new Claim(null, Objects.requireNonNull(kind, "kind"));
        }

        @Override
        public String toString() {
            return command != null ? "the command " + command : "the custom-id family '" + customIdKind + "'";
        }
    }
}
