package com.discoverytriage.discord.interaction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The body of the slash-command bulk overwrite. Built here rather than with Javacord's {@code SlashCommandBuilder},
 * which sends {@code default_member_permissions} as a string: Discord's published OpenAPI contract asks for an
 * integer in requests (the loopback contract check caught it).
 */
public final class CommandBodies {

    static final long MANAGE_SERVER = 1L << 5;
    /** Interaction context types (interactions/receiving-and-responding, "Interaction Context Types"). */
    static final int GUILD = 0;
    static final int BOT_DM = 1;
    /** Application integration type GUILD_INSTALL (resources/application, "Application Integration Types"). */
    static final int GUILD_INSTALL = 0;
    /** Application command type CHAT_INPUT; option types STRING and USER. */
    static final int CHAT_INPUT = 1;
    static final int STRING = 3;
    static final int USER = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandBodies() {
    }

    public static ArrayNode of(CommandDefinitions definitions) {
        ArrayNode commands = JSON.createArrayNode();
        ObjectNode triage = command(commands, CommandDefinitions.TRIAGE, "Start or continue your private fit check",
                false, GUILD, BOT_DM);
        choices(option(triage.putArray("options"), STRING, CommandDefinitions.OPTION, "Which diagnostic to take"),
                definitions);
        command(commands, CommandDefinitions.PANEL, "Post a 'Start your fit check' button in this channel", true, GUILD);
        // any prospect erases their own data; the user option is checked at run time (consultants only)
        ObjectNode forget = command(commands, CommandDefinitions.FORGET,
                "Erase everything stored about you (asks to confirm first)", false, GUILD, BOT_DM);
        option(forget.putArray("options"), USER, DataRights.USER_OPTION,
                "Consultant only: erase this user's data instead of yours");
        ObjectNode export = command(commands, CommandDefinitions.EXPORT,
                "Consultant: a CSV of the triages started in a date range", true, GUILD);
        ArrayNode range = export.putArray("options");
        day(option(range, STRING, DataRights.SINCE_OPTION,
                "From this day on, YYYY-MM-DD (UTC); empty: from the first triage"));
        day(option(range, STRING, DataRights.UNTIL_OPTION,
                "Up to, not including, this day, YYYY-MM-DD (UTC); empty: up to now"));
        // the consultant's figures: in the home server only, like /triage-export
        ObjectNode stats = command(commands, CommandDefinitions.STATS,
                "Consultant: completion, outcomes, bookings and the drop-off funnel, with a chart", true, GUILD);
        ArrayNode statsOptions = stats.putArray("options");
        ArrayNode periods = option(statsOptions, STRING, StatsCommand.PERIOD_OPTION,
                "How many days back (default: the last 7)").putArray("choices");
        for (int days : new int[] {7, 30, 90, 365}) {
            periods.addObject().put("name", "last " + days + " days").put("value", Integer.toString(days));
        }
        choices(option(statsOptions, STRING, CommandDefinitions.OPTION, "Only this diagnostic (default: every one)"),
                definitions);
        return commands;
    }

    /** A chat-input command; {@code consultant}: for Manage Server by default (an integer, as the contract asks). */
    private static ObjectNode command(ArrayNode commands, String name, String description, boolean consultant,
            int... contexts) {
        ObjectNode command = commands.addObject()
                .put("type", CHAT_INPUT)
                .put("name", name)
                .put("description", description);
        if (consultant) {
            command.put("default_member_permissions", MANAGE_SERVER);
        }
        where(command, contexts);
        return command;
    }

    /** An optional option of {@code type} (application-commands, "Application Command Option Type"). */
    private static ObjectNode option(ArrayNode options, int type, String name, String description) {
        return options.addObject()
                .put("type", type)
                .put("name", name)
                .put("description", description)
                .put("required", false);
    }

    private static void choices(ObjectNode option, CommandDefinitions definitions) {
        ArrayNode choices = option.putArray("choices");
        definitions.diagnostics().forEach(c -> choices.addObject().put("name", c.name()).put("value", c.value()));
    }

    /** A day written YYYY-MM-DD: exactly 10 characters. */
    private static void day(ObjectNode option) {
        option.put("min_length", 10).put("max_length", 10);
    }

    /**
     * {@code contexts} (where the command may be used) and {@code integration_types} (installed in a server); they
     * replace the deprecated {@code dm_permission}, which Discord ignores once {@code contexts} is present
     * (interactions/application-commands, "Application Command Object").
     */
    private static void where(ObjectNode command, int... contexts) {
        ArrayNode array = command.putArray("contexts");
        for (int context : contexts) {
            array.add(context);
        }
        command.putArray("integration_types").add(GUILD_INSTALL);
    }
}
