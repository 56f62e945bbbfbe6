package com.discoverytriage.discord.interaction;

import java.util.Map;

/**
 * An interaction as the adapter needs it, copied out of Javacord's event on the listener thread.
 *
 * @param id          the interaction's snowflake (for de-duplication)
 * @param customId    the component's or modal's custom id, null for commands
 * @param option      the {@code diagnostic} option of {@code /triage}, may be null
 * @param text        the text typed into a modal, may be null
 * @param guildId     the server it came from, 0 in a DM with the bot
 * @param consultant  the user has Manage Server, Administrator or the configured consultant role in that server;
 *                    only trusted in the home server (see {@link ServerPolicy})
 * @param options     the other commands' options by name ({@code user} as a user id, {@code since}, {@code until})
 */
public record Interaction(
        long id,
        Kind kind,
        long userId,
        String displayName,
        String customId,
        String option,
        String text,
        long guildId,
        boolean consultant,
        Map<String, String> options) {

    public enum Kind {
        TRIAGE_COMMAND,
        PANEL_COMMAND,
        FORGET_COMMAND,
        EXPORT_COMMAND,
        STATS_COMMAND,
        BUTTON,
        MODAL
    }

    public Interaction {
        options = options == null ? Map.of() : Map.copyOf(options);
        // also the consultant's name, written into the lead's history and shown on cards
        displayName = com.discoverytriage.conversation.DisplayNames.clean(displayName);
    }

    public Interaction(long id, Kind kind, long userId, String displayName, String customId, String option,
            String text, long guildId, boolean consultant) {
        this(id, kind, userId, displayName, customId, option, text, guildId, consultant, Map.of());
    }

    /** False in a DM with the bot. */
    public boolean inGuild() {
        return guildId != 0;
    }

    Interaction withoutConsultant() {
        return new Interaction(id, kind, userId, displayName, customId, option, text, guildId, false, options);
    }

    /** The named command option, or null. */
    String optionValue(String name) {
        return options.get(name);
    }

    @Override
    public String toString() {
        // never the typed text: answers stay out of logs
        return "Interaction[" + kind + " #" + Long.toUnsignedString(id) + "]";
    }
}
