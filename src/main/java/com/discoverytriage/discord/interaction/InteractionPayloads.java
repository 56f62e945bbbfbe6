package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.ProspectRenderer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads an interaction from Discord's JSON (the {@code d} of a gateway INTERACTION_CREATE, or the body of an HTTP
 * interaction) into the transport-neutral {@link Interaction}, with what is needed to answer it. Everything comes
 * from the payload itself, never from a cache: Discord sends an interaction from any channel, including a private
 * thread or a channel the bot cannot view, and includes the member's computed {@code permissions}
 * (documentation: interactions/receiving-and-responding, "Interaction Object").
 */
public final class InteractionPayloads {

    static final int APPLICATION_COMMAND = 2;
    static final int MESSAGE_COMPONENT = 3;
    static final int MODAL_SUBMIT = 5;
    static final long ADMINISTRATOR = 1L << 3;
    static final long MANAGE_GUILD = 1L << 5;

    /** An interaction and where its answers go: the callback ({@code id}, {@code token}) and its channel. */
    public record Delivered(Interaction interaction, long applicationId, String token, long channelId) {

        @Override
        public String toString() {
            return interaction.toString(); // never the token
        }
    }

    private InteractionPayloads() {
    }

    /**
     * The interaction in {@code d}; empty for the types the bot does not handle (PING, autocomplete) and for
     * payloads without a user.
     *
     * @param consultantRoleId members with this role count as the consultant (0: none)
     */
    public static Optional<Delivered> read(JsonNode d, long consultantRoleId) {
        int type = d.path("type").asInt(-1);
        JsonNode member = d.path("member");
        JsonNode user = member.isObject() ? member.path("user") : d.path("user");
        long userId = snowflake(user.path("id"));
        if (userId == 0 || (type != APPLICATION_COMMAND && type != MESSAGE_COMPONENT && type != MODAL_SUBMIT)) {
            return Optional.empty();
        }
        JsonNode data = d.path("data");
        boolean inGuild = d.hasNonNull("guild_id") && member.isObject();
        Interaction.Kind kind;
        String customId = null;
        String option = null;
        String text = null;
        Map<String, String> options = new HashMap<>();
        switch (type) {
            case APPLICATION_COMMAND -> {
                kind = switch (data.path("name").asText("")) {
                    case CommandDefinitions.PANEL -> Interaction.Kind.PANEL_COMMAND;
                    case CommandDefinitions.FORGET -> Interaction.Kind.FORGET_COMMAND;
                    case CommandDefinitions.EXPORT -> Interaction.Kind.EXPORT_COMMAND;
                    case CommandDefinitions.STATS -> Interaction.Kind.STATS_COMMAND;
                    default -> Interaction.Kind.TRIAGE_COMMAND;
                };
                for (JsonNode o : data.path("options")) {
                    String name = o.path("name").asText("");
                    JsonNode value = o.path("value");
                    if (value.isMissingNode() || value.isNull()) {
                        continue;
                    }
                    // a user option's value is the user's id
                    if (CommandDefinitions.OPTION.equals(name)) {
                        option = value.asText();
                    } else if (List.of(DataRights.USER_OPTION, DataRights.SINCE_OPTION, DataRights.UNTIL_OPTION,
                            StatsCommand.PERIOD_OPTION)
                            .contains(name)) {
                        options.put(name, value.asText());
                    }
                }
            }
            case MESSAGE_COMPONENT -> {
                kind = Interaction.Kind.BUTTON;
                customId = data.path("custom_id").asText(null);
                // a string select (the review's "Change an answer") carries the chosen option's value; documentation:
                // interactions/receiving-and-responding, "Message Component Data Structure" (values)
                if (data.path("values").isArray() && !data.path("values").isEmpty()) {
                    text = data.path("values").get(0).asText();
                }
            }
            default -> {
                kind = Interaction.Kind.MODAL;
                customId = data.path("custom_id").asText(null);
                text = textInput(data, ProspectRenderer.TEXT_INPUT_ID).orElse("");
            }
        }
        boolean consultant = inGuild && consultant(member, consultantRoleId);
        // consultant: the permissions in the server it came from; TriageInteractions trusts them only in the home
        // server (ServerPolicy)
        Interaction interaction = new Interaction(snowflake(d.path("id")), kind, userId, displayName(member, user),
                customId, option, text, inGuild ? snowflake(d.path("guild_id")) : 0, consultant, options);
        return Optional.of(new Delivered(interaction, snowflake(d.path("application_id")), d.path("token").asText(""),
                snowflake(d.path("channel_id"))));
    }

    /**
     * The name Discord's client shows: the server nickname, else the global display name, else the username
     * (documentation: resources/user, "Usernames and Nicknames"; resources/guild, "Guild Member Object").
     */
    public static String displayName(JsonNode member, JsonNode user) {
        for (String candidate : new String[] {member.path("nick").asText(null), user.path("global_name").asText(null),
                user.path("username").asText(null)}) {
            if (candidate != null && !candidate.isBlank()) {
                return candidate;
            }
        }
        return null;
    }

    /** Administrator, Manage Server (from the member's computed permissions) or the consultant role. */
    static boolean consultant(JsonNode member, long consultantRoleId) {
        long permissions = parseLong(member.path("permissions").asText("0"));
        if ((permissions & (ADMINISTRATOR | MANAGE_GUILD)) != 0) {
            return true;
        }
        if (consultantRoleId != 0) {
            for (JsonNode role : member.path("roles")) {
                if (snowflake(role) == consultantRoleId) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value of the text input {@code customId} among a modal's action rows. */
    static Optional<String> textInput(JsonNode data, String customId) {
        for (JsonNode row : data.path("components")) {
            for (JsonNode component : row.path("components")) {
                if (customId.equals(component.path("custom_id").asText())) {
                    return Optional.of(component.path("value").asText(""));
                }
            }
            // a label component (newer modals) carries its input as "component"
            JsonNode single = row.path("component");
            if (customId.equals(single.path("custom_id").asText())) {
                return Optional.of(single.path("value").asText(""));
            }
        }
        return Optional.empty();
    }

    public static long snowflake(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return 0;
        }
        return parseLong(node.asText("0"));
    }

    private static long parseLong(String text) {
        try {
            return Long.parseUnsignedLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
