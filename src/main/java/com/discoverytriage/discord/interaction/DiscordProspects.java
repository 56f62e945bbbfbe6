package com.discoverytriage.discord.interaction;

import com.discoverytriage.conversation.ProspectId;
import java.util.OptionalLong;

/** Discord users as prospects: {@code discord:<user id>}. */
public final class DiscordProspects {

    public static final String PREFIX = "discord:";

    private DiscordProspects() {
    }

    public static ProspectId of(long userId) {
        return new ProspectId(PREFIX + Long.toUnsignedString(userId));
    }

    public static OptionalLong userId(ProspectId prospect) {
        String v = prospect.value();
        if (!v.startsWith(PREFIX)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseUnsignedLong(v.substring(PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
