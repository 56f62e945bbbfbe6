package com.discoverytriage.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Discord's interaction JSON (Discord developer documentation, "Interactions > Receiving and Responding >
 * Interaction Object") mapped to the transport-neutral {@link Interaction}: the HTTP endpoint receives exactly this
 * body, and the gateway's INTERACTION_CREATE carries the same object. Nothing here decides an outcome.
 *
 * <p>Interaction types: 1 PING, 2 APPLICATION_COMMAND, 3 MESSAGE_COMPONENT, 4 APPLICATION_COMMAND_AUTOCOMPLETE,
 * 5 MODAL_SUBMIT. In a server the user is {@code member.user} and {@code member.permissions} holds the member's
 * computed permissions in the channel (a decimal string); in a DM it is {@code user} and there is no member.
 */
public final class InteractionPayloads {

    public static final int PING = 1;
    public static final int APPLICATION_COMMAND = 2;
    public static final int MESSAGE_COMPONENT = 3;
    public static final int MODAL_SUBMIT = 5;

    static final long ADMINISTRATOR = 1L << 3;
    static final long MANAGE_GUILD = 1L << 5;

    private static final ObjectMapper JSON = new ObjectMapper();

    private InteractionPayloads() {
    }

    /**
     * One received interaction: its {@code type}, what the adapter needs to handle it (absent for PING and for the
     * kinds the bot does not serve), and what a later answer needs (application id and interaction token, never
     * logged).
     */
    public record Received(int type, Optional<Interaction> interaction, long applicationId, String token,
            long channelId) {

        @Override
        public String toString() {
            return "Received[type=" + type + ", " + interaction.map(Interaction::toString).orElse("-") + "]";
        }
    }

    /** Parses a body; a body that is not an interaction object is an {@link IllegalArgumentException}. */
    public static Received parse(byte[] body, long consultantRoleId) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON");
        }
        if (root == null || !root.isObject() || !root.path("type").isInt()) {
            throw new IllegalArgumentException("not an interaction object");
        }
        return parse(root, consultantRoleId);
    }

    public static Received parse(JsonNode root, long consultantRoleId) {
        int type = root.path("type").asInt();
        long applicationId = snowflake(root.path("application_id"));
        String token = root.path("token").asText(null);
        long channelId = snowflake(root.path("channel_id"));
        if (type == PING) {
            return new Received(type, Optional.empty(), applicationId, token, channelId);
        }
        Optional<Interaction.Kind> kind = kind(type, root.path("data"));
        if (kind.isEmpty()) {
            return new Received(type, Optional.empty(), applicationId, token, channelId);
        }
        JsonNode member = root.path("member");
        boolean inGuild = root.hasNonNull("guild_id") && member.isObject();
        JsonNode user = inGuild ? member.path("user") : root.path("user");
        long userId = snowflake(user.path("id"));
        if (userId == 0 || snowflake(root.path("id")) == 0) {
            throw new IllegalArgumentException("an interaction without id or user");
        }
        JsonNode data = root.path("data");
        Map<String, String> options = new HashMap<>();
        String diagnostic = null;
        String customId = null;
        String text = null;
        switch (kind.get()) {
            case BUTTON -> customId = data.path("custom_id").asText(null);
            case MODAL -> {
                customId = data.path("custom_id").asText(null);
                text = modalValue(data.path("components"), ProspectRenderer.TEXT_INPUT_ID).orElse("");
            }
            default -> {
                for (JsonNode option : data.path("options")) {
                    String name = option.path("name").asText("");
                    JsonNode value = option.path("value");
                    if (!name.isEmpty() && value.isValueNode()) {
                        options.put(name, value.asText());
                    }
                }
                diagnostic = options.remove(CommandDefinitions.OPTION);
            }
        }
        return new Received(type, Optional.of(new Interaction(snowflake(root.path("id")), kind.get(), userId,
                displayName(member, user, inGuild), customId, diagnostic, text, inGuild,
                inGuild && consultant(member, consultantRoleId), options)), applicationId, token, channelId);
    }

    private static Optional<Interaction.Kind> kind(int type, JsonNode data) {
        return switch (type) {
            case APPLICATION_COMMAND -> Optional.of(switch (data.path("name").asText("")) {
                case CommandDefinitions.PANEL -> Interaction.Kind.PANEL_COMMAND;
                case CommandDefinitions.FORGET -> Interaction.Kind.FORGET_COMMAND;
                case CommandDefinitions.EXPORT -> Interaction.Kind.EXPORT_COMMAND;
                default -> Interaction.Kind.TRIAGE_COMMAND;
            });
            // component_type 2 is a button; the bot sends no other component
            case MESSAGE_COMPONENT -> data.path("component_type").asInt(2) == 2
                    ? Optional.of(Interaction.Kind.BUTTON) : Optional.empty();
            case MODAL_SUBMIT -> Optional.of(Interaction.Kind.MODAL);
            default -> Optional.empty();
        };
    }

    /** The server nickname, else the global display name, else the user name. */
    static String displayName(JsonNode member, JsonNode user, boolean inGuild) {
        if (inGuild && member.hasNonNull("nick") && !member.path("nick").asText().isBlank()) {
            return member.path("nick").asText();
        }
        if (user.hasNonNull("global_name") && !user.path("global_name").asText().isBlank()) {
            return user.path("global_name").asText();
        }
        return user.path("username").asText("");
    }

    /** Administrator or Manage Server in {@code member.permissions}, or the consultant role among its roles. */
    static boolean consultant(JsonNode member, long consultantRoleId) {
        long permissions;
        try {
            permissions = Long.parseUnsignedLong(member.path("permissions").asText("0"));
        } catch (NumberFormatException e) {
            permissions = 0;
        }
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

    /**
     * The submitted value of a text input: modal rows are action rows (type 1) of text inputs; newer modals wrap
     * each input in a label (type 18) holding one {@code component}.
     */
    static Optional<String> modalValue(JsonNode components, String customId) {
        for (JsonNode c : components) {
            if (customId.equals(c.path("custom_id").asText(null)) && c.has("value")) {
                return Optional.of(c.path("value").asText(""));
            }
            Optional<String> nested = modalValue(c.path("components"), customId);
            if (nested.isPresent()) {
                return nested;
            }
            if (c.has("component")) {
                nested = modalValue(JSON.createArrayNode().add(c.path("component")), customId);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    static long snowflake(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(node.asText());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
