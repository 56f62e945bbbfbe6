package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Discord JSON objects in the shape of Discord's API v10 documentation (users, members, guild, channels, roles,
 * messages, interactions). Fields Javacord 3.8 reads unconditionally (for example {@code region} and
 * {@code nsfw_level} on a guild) are always present.
 */
public final class Payloads {

    public static final ObjectMapper JSON = new ObjectMapper();

    static final int TEXT_CHANNEL = 0;
    static final int DM_CHANNEL = 1;

    private Payloads() {
    }

    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String timestamp() {
        return OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    public static ObjectNode user(LoopbackUser user) {
        ObjectNode node = object()
                .put("id", user.idAsString())
                .put("username", user.username())
                .put("discriminator", "0")
                .put("public_flags", 0);
        if (user.globalName() == null) {
            node.putNull("global_name");
        } else {
            node.put("global_name", user.globalName());
        }
        node.putNull("avatar");
        if (user.bot()) {
            node.put("bot", true);
        }
        return node;
    }

    public static ObjectNode member(LoopbackGuild guild, LoopbackUser user, boolean withUser) {
        ObjectNode node = object();
        if (withUser) {
            node.set("user", user(user));
        }
        ArrayNode roles = node.putArray("roles");
        if (user.id() == guild.consultant().id()) {
            roles.add(Long.toUnsignedString(guild.managerRoleId()));
        }
        if (user.id() == guild.bot().id()) {
            roles.add(Long.toUnsignedString(guild.botRoleId()));
        }
        if (user.nick() == null) {
            node.putNull("nick");
        } else {
            node.put("nick", user.nick());
        }
        node.putNull("avatar");
        node.put("joined_at", "2024-01-02T03:04:05.000000+00:00");
        node.putNull("premium_since");
        node.put("deaf", false).put("mute", false).put("pending", false).put("flags", 0);
        node.putNull("communication_disabled_until");
        return node;
    }

    /** The member object inside an interaction also carries the member's computed permissions. */
    static ObjectNode interactionMember(LoopbackGuild guild, LoopbackUser user) {
        long permissions = user.id() == guild.consultant().id()
                ? LoopbackGuild.MANAGER_PERMISSIONS : LoopbackGuild.EVERYONE_PERMISSIONS;
        return member(guild, user, true).put("permissions", Long.toString(permissions));
    }

    static ObjectNode role(long id, String name, long permissions, int position, boolean managed) {
        ObjectNode node = object()
                .put("id", Long.toUnsignedString(id))
                .put("name", name)
                .put("color", 0)
                .put("hoist", false)
                .put("position", position)
                .put("permissions", Long.toString(permissions))
                .put("managed", managed)
                .put("mentionable", false)
                .put("flags", 0);
        node.putNull("icon");
        node.putNull("unicode_emoji");
        return node;
    }

    static ObjectNode textChannel(LoopbackGuild guild, long id, String name, int position) {
        ObjectNode node = object()
                .put("id", Long.toUnsignedString(id))
                .put("type", TEXT_CHANNEL)
                .put("guild_id", Long.toUnsignedString(guild.id()))
                .put("name", name)
                .put("position", position)
                .put("nsfw", false)
                .put("rate_limit_per_user", 0)
                .put("flags", 0);
        node.putNull("topic");
        node.putNull("parent_id");
        node.putNull("last_message_id");
        node.putArray("permission_overwrites");
        return node;
    }

    /** A private thread (type 12) as the partial channel of an interaction (documentation: resources/channel). */
    static ObjectNode privateThread(LoopbackGuild guild, long id, long parentId) {
        ObjectNode node = object()
                .put("id", Long.toUnsignedString(id))
                .put("type", 12)
                .put("guild_id", Long.toUnsignedString(guild.id()))
                .put("parent_id", Long.toUnsignedString(parentId))
                .put("name", "private-thread")
                .put("flags", 0)
                .put("rate_limit_per_user", 0)
                .put("owner_id", guild.prospect(0).idAsString());
        node.putObject("thread_metadata").put("archived", false).put("auto_archive_duration", 1440)
                .put("archive_timestamp", timestamp()).put("locked", false).put("invitable", false);
        return node;
    }

    private static ObjectNode overwrite(long id, int type, long allow, long deny) {
        return object().put("id", Long.toUnsignedString(id)).put("type", type)
                .put("allow", Long.toString(allow)).put("deny", Long.toString(deny));
    }

    /** The full guild as sent in GUILD_CREATE. */
    public static ObjectNode guildCreate(LoopbackGuild guild) {
        return guildCreate(guild, java.util.Map.of());
    }

    /**
     * The full guild as sent in GUILD_CREATE, with the bot's own overwrite in some channels replaced by
     * {@code botOverwrites} (channel id to {allow, deny}).
     */
    static ObjectNode guildCreate(LoopbackGuild guild, java.util.Map<Long, long[]> botOverwrites) {
        ObjectNode node = object()
                .put("id", Long.toUnsignedString(guild.id()))
                .put("name", guild.name())
                .put("owner_id", Long.toUnsignedString(guild.ownerId()))
                .put("region", "deprecated")
                .put("afk_timeout", 300)
                .put("verification_level", 1)
                .put("default_message_notifications", 1)
                .put("explicit_content_filter", 0)
                .put("mfa_level", 0)
                .put("premium_tier", 0)
                .put("premium_subscription_count", 0)
                .put("nsfw_level", 0)
                .put("preferred_locale", "en-US")
                .put("system_channel_flags", 0)
                .put("max_members", 500000)
                .put("joined_at", "2024-01-02T03:04:05.000000+00:00")
                .put("large", false)
                .put("unavailable", false)
                .put("member_count", guild.members().size());
        node.putNull("icon");
        node.putNull("splash");
        node.putNull("discovery_splash");
        node.putNull("afk_channel_id");
        node.putNull("system_channel_id");
        node.putNull("rules_channel_id");
        node.putNull("public_updates_channel_id");
        node.putNull("vanity_url_code");
        node.putNull("description");
        node.putNull("application_id");
        node.putArray("features");
        node.putArray("emojis");
        node.putArray("stickers");
        node.putArray("voice_states");
        node.putArray("presences");
        node.putArray("threads");
        node.putArray("stage_instances");
        node.putArray("guild_scheduled_events");

        ArrayNode roles = node.putArray("roles");
        roles.add(role(guild.everyoneRoleId(), "@everyone", LoopbackGuild.EVERYONE_PERMISSIONS, 0, false));
        roles.add(role(guild.managerRoleId(), "Consultant", LoopbackGuild.MANAGER_PERMISSIONS, 1, false)
                .put("hoist", true));
        ObjectNode botRole = role(guild.botRoleId(), "Discovery Triage", LoopbackGuild.BOT_PERMISSIONS, 2, true);
        botRole.putObject("tags").put("bot_id", guild.bot().idAsString());
        roles.add(botRole);

        ArrayNode channels = node.putArray("channels");
        channels.add(textChannel(guild, guild.publicChannelId(), "start-here", 0)
                .put("topic", "Run /triage to see whether a strategy call fits"));
        ObjectNode summary = textChannel(guild, guild.summaryChannelId(), "triage-summaries", 1);
        ArrayNode overwrites = summary.putArray("permission_overwrites");
        overwrites.add(overwrite(guild.everyoneRoleId(), 0, 0, LoopbackGuild.VIEW_CHANNEL));
        overwrites.add(overwrite(guild.managerRoleId(), 0, LoopbackGuild.VIEW_CHANNEL | LoopbackGuild.SEND_MESSAGES, 0));
        overwrites.add(overwrite(guild.bot().id(), 1,
                LoopbackGuild.VIEW_CHANNEL | LoopbackGuild.SEND_MESSAGES | LoopbackGuild.EMBED_LINKS, 0));
        channels.add(summary);

        for (JsonNode channel : channels) {
            long[] replaced = botOverwrites.get(channel.get("id").asLong());
            if (replaced != null) {
                ArrayNode list = (ArrayNode) channel.get("permission_overwrites");
                for (int i = list.size() - 1; i >= 0; i--) {
                    if (list.get(i).path("id").asLong() == guild.bot().id()) {
                        list.remove(i);
                    }
                }
                list.add(overwrite(guild.bot().id(), 1, replaced[0], replaced[1]));
            }
        }

        // topics/gateway-events, "Guild Create": without the privileged GUILD_MEMBERS intent the member list holds
        // the bot itself only; others are learnt from the interactions they send
        ArrayNode members = node.putArray("members");
        members.add(member(guild, guild.bot(), true));
        return node;
    }

    public static ObjectNode dmChannel(long channelId, LoopbackUser recipient) {
        ObjectNode node = object().put("id", Long.toUnsignedString(channelId)).put("type", DM_CHANNEL).put("flags", 0);
        node.putNull("last_message_id");
        node.putArray("recipients").add(user(recipient));
        return node;
    }

    /**
     * A message object as Discord returns it for a write, built from the request body (content, embeds,
     * components, flags are echoed).
     */
    static ObjectNode message(long id, long channelId, Long guildId, LoopbackUser author, JsonNode body,
                              Long webhookId) {
        ObjectNode node = object()
                .put("id", Long.toUnsignedString(id))
                .put("channel_id", Long.toUnsignedString(channelId))
                .put("type", 0)
                .put("content", body.path("content").asText(""))
                .put("timestamp", timestamp())
                .put("tts", false)
                .put("mention_everyone", false)
                .put("pinned", false)
                .put("flags", body.path("flags").asInt(0));
        if (guildId != null) {
            node.put("guild_id", Long.toUnsignedString(guildId));
        }
        if (webhookId != null) {
            node.put("webhook_id", Long.toUnsignedString(webhookId));
            node.put("application_id", Long.toUnsignedString(webhookId));
        }
        node.putNull("edited_timestamp");
        node.set("author", user(author));
        node.putArray("mentions");
        node.putArray("mention_roles");
        node.putArray("attachments");
        node.set("embeds", body.has("embeds") ? body.get("embeds").deepCopy() : JSON.createArrayNode());
        node.set("components", body.has("components") ? body.get("components").deepCopy() : JSON.createArrayNode());
        return node;
    }

    /** Applies an edit body to a stored message, as Discord does for PATCH. */
    static void applyEdit(ObjectNode message, JsonNode edit) {
        for (String field : new String[] {"content", "embeds", "components", "flags", "attachments"}) {
            if (edit.has(field)) {
                message.set(field, edit.get(field).deepCopy());
            }
        }
        message.put("edited_timestamp", timestamp());
    }

    /** A MESSAGE_CREATE payload for a DM from {@code author} to the bot. */
    public static ObjectNode directMessage(long messageId, long dmChannelId, LoopbackUser author, String content) {
        ObjectNode node = message(messageId, dmChannelId, null, author, object().put("content", content), null);
        node.putNull("nonce");
        return node;
    }
}
