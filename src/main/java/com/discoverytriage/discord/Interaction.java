package com.discoverytriage.discord;

import java.util.Map;

/**
 * An interaction as the adapter needs it, copied out of Javacord's event on the listener thread.
 *
 * @param id          the interaction's snowflake (for de-duplication)
 * @param customId    the component's or modal's custom id, null for commands
 * @param option      the {@code diagnostic} option of {@code /triage}, may be null
 * @param text        the text typed into a modal, may be null
 * @param inGuild     false in a DM with the bot
 * @param consultant  the user has Manage Server or the configured consultant role
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
        boolean inGuild,
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
    }

    public Interaction(long id, Kind kind, long userId, String displayName, String customId, String option,
            String text, boolean inGuild, boolean consultant) {
        this(id, kind, userId, displayName, customId, option, text, inGuild, consultant, Map.of());
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
