package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The stand-in's view of Discord: messages per channel, DM channels, registered commands, interactions. */
final class DiscordState {

    final LoopbackGuild guild;
    final long applicationId;
    final Snowflakes ids;

    private final Map<Long, ObjectNode> messages = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> messagesByChannel = new ConcurrentHashMap<>();
    private final Map<Long, Long> dmChannelByUser = new ConcurrentHashMap<>();
    private final Map<Long, Long> userByDmChannel = new ConcurrentHashMap<>();
    private final Map<String, ArrayNode> commands = new ConcurrentHashMap<>();
    final Map<Long, InteractionRecord> interactions = new ConcurrentHashMap<>();
    final Map<String, InteractionRecord> interactionsByToken = new ConcurrentHashMap<>();
    final List<LoopbackUser> extraUsers = new CopyOnWriteArrayList<>();
    private final Map<Long, Long> nonceTimes = new ConcurrentHashMap<>();
    /** How long an enforced nonce is remembered ("a few minutes" on Discord). */
    volatile java.time.Duration nonceWindow = java.time.Duration.ofMinutes(3);
    volatile boolean interactionTokensExpired;

    DiscordState(LoopbackGuild guild, long applicationId, Snowflakes ids) {
        this.guild = guild;
        this.applicationId = applicationId;
        this.ids = ids;
    }

    Optional<LoopbackUser> user(long id) {
        return java.util.stream.Stream.concat(extraUsers.stream(), guild.members().stream())
                .filter(u -> u.id() == id).findFirst();
    }

    List<LoopbackUser> allUsers() {
        return java.util.stream.Stream.concat(guild.members().stream(), extraUsers.stream()).toList();
    }

    long dmChannelOf(LoopbackUser user) {
        return dmChannelByUser.computeIfAbsent(user.id(), id -> {
            long channel = ids.next();
            userByDmChannel.put(channel, id);
            return channel;
        });
    }

    /**
     * Private threads of the guild that the bot was never told about: not in GUILD_CREATE and no THREAD_CREATE
     * (documentation: topics/threads, "Gateway Events": a bot receives THREAD_CREATE for a private thread only when
     * it is added to it). Slash commands still reach the bot from there.
     */
    final java.util.Set<Long> unseenThreads = ConcurrentHashMap.newKeySet();

    /** The bot's own permission overwrite per channel ({allow, deny}), where a test changed it. */
    final Map<Long, long[]> botOverwrites = new ConcurrentHashMap<>();

    /** The guild as GUILD_CREATE (and a CHANNEL_UPDATE) describes it now. */
    ObjectNode guildCreate() {
        return Payloads.guildCreate(guild, Map.copyOf(botOverwrites));
    }

    /**
     * The bot's permissions in {@code channelId}: everything in a DM; computed from the guild otherwise; none in a
     * private thread it was never added to.
     */
    long botPermissions(long channelId) {
        if (userByDmChannel.containsKey(channelId)) {
            return ChannelPermissions.ALL;
        }
        if (unseenThreads.contains(channelId)) {
            return 0;
        }
        return ChannelPermissions.of(guildCreate(), guild.bot().id(), channelId);
    }

    boolean botMay(long channelId, long permission) {
        return (botPermissions(channelId) & permission) == permission;
    }

    boolean isGuildChannel(long channelId) {
        return channelId == guild.publicChannelId() || channelId == guild.summaryChannelId()
                || unseenThreads.contains(channelId);
    }

    boolean isKnownChannel(long channelId) {
        return isGuildChannel(channelId) || userByDmChannel.containsKey(channelId);
    }

    /**
     * Like Discord: a create that carries a {@code nonce} with {@code enforce_nonce: true} returns the message already
     * created with that nonce in the channel instead of a second one.
     */
    synchronized ObjectNode createMessage(long channelId, JsonNode body, Long webhookId) {
        String nonce = body.hasNonNull("nonce") ? body.get("nonce").asText() : null;
        long author = guild.bot().id();
        long now = System.nanoTime();
        if (nonce != null && body.path("enforce_nonce").asBoolean(false)) {
            // resources/message, "Create Message": with enforce_nonce, the same nonce from the same author within
            // a few minutes answers the message already created
            for (ObjectNode existing : messages.values()) {
                Long at = nonceTimes.get(existing.path("id").asLong());
                if (nonce.equals(existing.path("nonce").asText(null)) && at != null && now - at < nonceWindow.toNanos()
                        && existing.path("author").path("id").asLong() == author) {
                    return existing;
                }
            }
        }
        long id = ids.next();
        ObjectNode message = Payloads.message(id, channelId, isGuildChannel(channelId) ? guild.id() : null,
                guild.bot(), body, webhookId);
        if (nonce != null) {
            message.put("nonce", nonce);
            nonceTimes.put(id, now);
        }
        messages.put(id, message);
        messagesByChannel.computeIfAbsent(channelId, c -> new CopyOnWriteArrayList<>()).add(id);
        return message;
    }

    Optional<ObjectNode> message(long id) {
        return Optional.ofNullable(messages.get(id));
    }

    ObjectNode editMessage(long id, JsonNode edit) {
        ObjectNode message = messages.get(id);
        synchronized (message) {
            Payloads.applyEdit(message, edit);
            return message.deepCopy();
        }
    }

    void deleteMessage(long id) {
        ObjectNode removed = messages.remove(id);
        if (removed != null) {
            List<Long> inChannel = messagesByChannel.get(removed.get("channel_id").asLong());
            if (inChannel != null) {
                inChannel.remove(id);
            }
        }
    }

    List<ObjectNode> messagesIn(long channelId) {
        List<ObjectNode> result = new ArrayList<>();
        for (Long id : messagesByChannel.getOrDefault(channelId, List.of())) {
            ObjectNode message = messages.get(id);
            if (message != null) {
                synchronized (message) {
                    result.add(message.deepCopy());
                }
            }
        }
        return result;
    }

    ArrayNode overwriteCommands(Long guildId, JsonNode body) {
        String key = guildId == null ? "global" : Long.toUnsignedString(guildId);
        ArrayNode previous = commands.getOrDefault(key, Payloads.JSON.createArrayNode());
        ArrayNode result = Payloads.JSON.createArrayNode();
        for (JsonNode requested : body) {
            ObjectNode command = ((ObjectNode) requested).deepCopy();
            String id = null;
            for (JsonNode old : previous) {
                if (old.path("name").asText().equals(command.path("name").asText())) {
                    id = old.get("id").asText();
                }
            }
            command.put("id", id != null ? id : Long.toUnsignedString(ids.next()));
            command.put("application_id", Long.toUnsignedString(applicationId));
            command.put("version", Long.toUnsignedString(ids.next()));
            if (!command.has("type")) {
                command.put("type", 1);
            }
            if (!command.has("description")) {
                command.put("description", "");
            }
            if (guildId != null) {
                command.put("guild_id", Long.toUnsignedString(guildId));
            } else if (!command.has("dm_permission")) {
                command.put("dm_permission", true);
            }
            if (!command.has("default_member_permissions")) {
                command.putNull("default_member_permissions");
            }
            command.put("nsfw", command.path("nsfw").asBoolean(false));
            result.add(command);
        }
        commands.put(key, result);
        return result.deepCopy();
    }

    void replaceCommands(Long guildId, ArrayNode kept) {
        commands.put(guildId == null ? "global" : Long.toUnsignedString(guildId), kept);
    }

    ArrayNode commands(Long guildId) {
        return commands.getOrDefault(guildId == null ? "global" : Long.toUnsignedString(guildId),
                Payloads.JSON.createArrayNode()).deepCopy();
    }

    /** Id of a registered command by name (guild first, then global). */
    Optional<Long> commandId(String name) {
        for (String key : List.of(Long.toUnsignedString(guild.id()), "global")) {
            for (JsonNode command : commands.getOrDefault(key, Payloads.JSON.createArrayNode())) {
                if (command.path("name").asText().equals(name)) {
                    return Optional.of(command.get("id").asLong());
                }
            }
        }
        return Optional.empty();
    }
}
