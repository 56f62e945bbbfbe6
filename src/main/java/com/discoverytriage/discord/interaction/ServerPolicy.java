package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordProperties;

import java.util.Set;

/**
 * Where the bot acts, and for whom. Consultant powers (the panel, the card buttons, forgetting someone else,
 * exporting) exist only in the configured home server: a member who manages some other server that added the bot is
 * nobody here. Prospects are served in DMs, in the home server and in the servers the operator allowed; anywhere
 * else every interaction is refused with a note.
 *
 * @param homeGuildId     {@code triage.discord.guild-id}; 0 means no home server, so nobody has consultant powers
 * @param allowedGuildIds {@code triage.discord.allowed-guild-ids}: further servers whose members may run a fit check
 */
public record ServerPolicy(long homeGuildId, Set<Long> allowedGuildIds) {

    static final String ELSEWHERE = "This fit check is not offered in this server. Send the bot a direct message "
            + "to start one there.";

    public ServerPolicy {
        allowedGuildIds = allowedGuildIds == null ? Set.of() : Set.copyOf(allowedGuildIds);
    }

    public static ServerPolicy of(DiscordProperties properties) {
        return new ServerPolicy(properties.guildId(), Set.copyOf(properties.allowedGuildIds()));
    }

    /** True in the home server only, never in a DM or another server. */
    boolean isHome(long guildId) {
        return guildId != 0 && guildId == homeGuildId;
    }

    /** DMs, the home server and the allowed servers. */
    boolean servesProspects(long guildId) {
        return guildId == 0 || isHome(guildId) || allowedGuildIds.contains(guildId);
    }

    /** The interaction as the rest of the adapter may trust it: consultant powers dropped outside the home server. */
    Interaction trusted(Interaction i) {
        return i.consultant() && !isHome(i.guildId()) ? i.withoutConsultant() : i;
    }
}
