package com.discoverytriage.discord.interaction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps Discord's slash commands equal to the bot's, with as few writes as possible. The commands live in one scope
 * (the configured server, or global); the other scope is emptied with an empty bulk overwrite, or every command would
 * show twice (documentation: interactions/application-commands, "Bulk Overwrite Global Application Commands",
 * "Bulk Overwrite Guild Application Commands"; "Registering a Command": global and guild commands are separate).
 * A scope is written again when the hash of application id, scope and the whole body differs from the one stored,
 * or when Discord lists other commands than the body's (one was deleted by hand).
 */
public final class CommandSync {

    public static final String GLOBAL = "global";
    private static final Logger log = LoggerFactory.getLogger(CommandSync.class);

    /** Discord's command routes for one application. */
    public interface Commands {
        /** The names of the commands registered in {@code scope} ({@value #GLOBAL} or a guild id). */
        List<String> names(String scope);

        /** Bulk overwrite of {@code scope}'s commands with {@code body}. */
        void overwrite(String scope, ArrayNode body);
    }

    private final CommandRegistrations registrations;
    private final Commands commands;

    public CommandSync(CommandRegistrations registrations, Commands commands) {
        this.registrations = registrations;
        this.commands = commands;
    }

    static String scope(long guildId) {
        return guildId == 0 ? GLOBAL : Long.toUnsignedString(guildId);
    }

    public static String hash(long applicationId, String scope, JsonNode body) {
        String canonical = "v3|" + Long.toUnsignedString(applicationId) + "|" + scope + "|" + body;
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers {@code body} in the scope of {@code guildId} (0: global) and empties the other scopes known. */
    public void sync(long applicationId, long guildId, ArrayNode body) {
        String used = scope(guildId);
        String hash = hash(applicationId, used, body);
        boolean stored = !registrations.needed(used, hash);
        if (stored && names(body).equals(new TreeSet<>(commands.names(used)))) {
            log.info("slash commands unchanged for scope {}: not registering again", used);
        } else {
            commands.overwrite(used, body);
            registrations.registered(used, hash);
            log.info("slash commands registered for scope {}", used);
        }
        ArrayNode empty = JsonNodeFactory.instance.arrayNode();
        List<String> others = new ArrayList<>(registrations.scopes());
        if (!used.equals(GLOBAL) && !others.contains(GLOBAL)) {
            others.add(GLOBAL); // registered globally by an earlier version, perhaps: empty it once
        }
        for (String other : others) {
            String emptyHash = hash(applicationId, other, empty);
            if (other.equals(used) || !registrations.needed(other, emptyHash)) {
                continue;
            }
            commands.overwrite(other, empty);
            registrations.registered(other, emptyHash);
            log.info("slash commands removed from scope {} (now registered in scope {})", other, used);
        }
    }

    private static Set<String> names(ArrayNode body) {
        Set<String> names = new TreeSet<>();
        body.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }
}
