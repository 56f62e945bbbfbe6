package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The bot's permissions in a channel, computed from the guild as GUILD_CREATE describes it, the way Discord does
 * (documentation: topics/permissions, "Permission Overwrites": the base permissions of {@code @everyone} and the
 * member's roles, Administrator grants all, then the channel's {@code @everyone} overwrite, the role overwrites
 * together, and the member's own overwrite, each denying before allowing).
 */
final class ChannelPermissions {

    static final long ADMINISTRATOR = 1L << 3;
    static final long ALL = -1L;

    private ChannelPermissions() {
    }

    /** The permissions of {@code member} in {@code channelId}; 0 when the guild has no such channel. */
    static long of(JsonNode guildCreate, long memberId, long channelId) {
        long guildId = guildCreate.path("id").asLong();
        JsonNode member = null;
        for (JsonNode m : guildCreate.path("members")) {
            if (m.path("user").path("id").asLong() == memberId) {
                member = m;
            }
        }
        java.util.Set<Long> roles = new java.util.HashSet<>();
        if (member != null) {
            member.path("roles").forEach(r -> roles.add(r.asLong()));
        }
        long base = 0;
        for (JsonNode role : guildCreate.path("roles")) {
            long id = role.path("id").asLong();
            if (id == guildId || roles.contains(id)) {
                base |= Long.parseLong(role.path("permissions").asText("0"));
            }
        }
        if ((base & ADMINISTRATOR) != 0) {
            return ALL;
        }
        JsonNode channel = null;
        for (JsonNode c : guildCreate.path("channels")) {
            if (c.path("id").asLong() == channelId) {
                channel = c;
            }
        }
        if (channel == null) {
            return 0;
        }
        long permissions = base;
        long roleAllow = 0;
        long roleDeny = 0;
        JsonNode memberOverwrite = null;
        for (JsonNode overwrite : channel.path("permission_overwrites")) {
            long id = overwrite.path("id").asLong();
            long allow = Long.parseLong(overwrite.path("allow").asText("0"));
            long deny = Long.parseLong(overwrite.path("deny").asText("0"));
            if (overwrite.path("type").asInt() == 0 && id == guildId) {
                permissions = (permissions & ~deny) | allow;
            } else if (overwrite.path("type").asInt() == 0 && roles.contains(id)) {
                roleAllow |= allow;
                roleDeny |= deny;
            } else if (overwrite.path("type").asInt() == 1 && id == memberId) {
                memberOverwrite = overwrite;
            }
        }
        permissions = (permissions & ~roleDeny) | roleAllow;
        if (memberOverwrite != null) {
            permissions = (permissions & ~Long.parseLong(memberOverwrite.path("deny").asText("0")))
                    | Long.parseLong(memberOverwrite.path("allow").asText("0"));
        }
        return permissions;
    }
}
