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
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandBodies() {
    }

    public static ArrayNode of(CommandDefinitions definitions) {
        ArrayNode commands = JSON.createArrayNode();
        ObjectNode triage = commands.addObject()
                .put("type", 1)
                .put("name", CommandDefinitions.TRIAGE)
                .put("description", "Start or continue your private fit check");
        where(triage, GUILD, BOT_DM);
        ObjectNode option = triage.putArray("options").addObject()
                .put("type", 3)
                .put("name", CommandDefinitions.OPTION)
                .put("description", "Which diagnostic to take")
                .put("required", false);
        ArrayNode choices = option.putArray("choices");
        definitions.diagnostics().forEach(c -> choices.addObject().put("name", c.name()).put("value", c.value()));
        commands.addObject()
                .put("type", 1)
                .put("name", CommandDefinitions.PANEL)
                .put("description", "Post a 'Start your fit check' button in this channel")
                .put("default_member_permissions", MANAGE_SERVER);
        where((ObjectNode) commands.get(1), GUILD);
        // any prospect erases their own data; the user option is checked at run time (consultants only)
        ObjectNode forget = commands.addObject()
                .put("type", 1)
                .put("name", CommandDefinitions.FORGET)
                .put("description", "Erase everything stored about you (asks to confirm first)");
        where(forget, GUILD, BOT_DM);
        forget.putArray("options").addObject()
                .put("type", 6)
                .put("name", DataRights.USER_OPTION)
                .put("description", "Consultant only: erase this user's data instead of yours")
                .put("required", false);
        ObjectNode export = commands.addObject()
                .put("type", 1)
                .put("name", CommandDefinitions.EXPORT)
                .put("description", "Consultant: a CSV of the triages started in a date range")
                .put("default_member_permissions", MANAGE_SERVER);
        where(export, GUILD);
        ArrayNode range = export.putArray("options");
        range.addObject()
                .put("type", 3)
                .put("name", DataRights.SINCE_OPTION)
                .put("description", "From this day on, YYYY-MM-DD (UTC); empty: from the first triage")
                .put("required", false)
                .put("min_length", 10)
                .put("max_length", 10);
        range.addObject()
                .put("type", 3)
                .put("name", DataRights.UNTIL_OPTION)
                .put("description", "Up to, not including, this day, YYYY-MM-DD (UTC); empty: up to now")
                .put("required", false)
                .put("min_length", 10)
                .put("max_length", 10);
        ObjectNode stats = commands.addObject()
                .put("type", 1)
                .put("name", CommandDefinitions.STATS)
                .put("description", "Consultant: completion, outcomes, bookings and the drop-off funnel, with a chart")
                .put("default_member_permissions", MANAGE_SERVER);
        // the consultant's figures: in the home server only, like /triage-export
        where(stats, GUILD);
        ArrayNode statsOptions = stats.putArray("options");
        ArrayNode periods = statsOptions.addObject()
                .put("type", 3)
                .put("name", StatsCommand.PERIOD_OPTION)
                .put("description", "How many days back (default: the last 7)")
                .put("required", false)
                .putArray("choices");
        for (int days : new int[] {7, 30, 90, 365}) {
            periods.addObject().put("name", "last " + days + " days").put("value", Integer.toString(days));
        }
        ArrayNode statsDiagnostics = statsOptions.addObject()
                .put("type", 3)
                .put("name", CommandDefinitions.OPTION)
                .put("description", "Only this diagnostic (default: every one)")
                .put("required", false)
                .putArray("choices");
        definitions.diagnostics().forEach(c -> statsDiagnostics.addObject().put("name", c.name()).put("value", c.value()));
        return commands;
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
