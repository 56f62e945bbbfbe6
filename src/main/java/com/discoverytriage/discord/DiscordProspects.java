package com.discoverytriage.discord;

import com.discoverytriage.conversation.ProspectId;
import java.util.OptionalLong;

/** Discord users as prospects: {@code discord:<user id>}. */
final class DiscordProspects {

    static final String PREFIX = "discord:";

    private DiscordProspects() {
    }

    static ProspectId of(long userId) {
        return new ProspectId(PREFIX + Long.toUnsignedString(userId));
    }

    static OptionalLong userId(ProspectId prospect) {
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
