package com.discoverytriage.discord.card;

import java.util.ArrayList;
import java.util.List;

/** The start-up check of the summary channel: what is wrong, in words that say what to fix. */
public final class SummaryChannelCheck {

    /** What the bot could find out about the channel. */
    public record Facts(boolean exists, boolean inGuild, boolean botCanView, boolean botCanSend, boolean botCanEmbed,
            boolean everyoneCanView, boolean botCanReadHistory) {

        public Facts(boolean exists, boolean inGuild, boolean botCanView, boolean botCanSend, boolean botCanEmbed,
                boolean everyoneCanView) {
            this(exists, inGuild, botCanView, botCanSend, botCanEmbed, everyoneCanView, true);
        }
    }

    private SummaryChannelCheck() {
    }

    /**
     * Whether @everyone sees the channel: a channel overwrite decides ({@code overwrite} true = allowed, false =
     * denied, null = not set), otherwise the server-wide @everyone permission does.
     */
    public static boolean everyoneCanView(Boolean overwrite, boolean serverWide) {
        return overwrite == null ? serverWide : overwrite;
    }

    public static List<String> problems(long channelId, long guildId, Facts f) {
        List<String> problems = new ArrayList<>();
        String id = Long.toUnsignedString(channelId);
        if (channelId == 0) {
            problems.add("triage.discord.summary-channel-id is not set: the consultant gets no summary cards");
            return problems;
        }
        if (!f.exists()) {
            problems.add("summary channel " + id + " does not exist or the bot is not in its server: check triage.discord.summary-channel-id");
            return problems;
        }
        if (guildId != 0 && !f.inGuild()) {
            problems.add("summary channel " + id + " is not in the configured server " + Long.toUnsignedString(guildId));
        }
        if (!f.botCanView()) {
            problems.add("the bot cannot view summary channel " + id + ": allow View Channel for the bot there");
        }
        if (!f.botCanSend()) {
            problems.add("the bot cannot send in summary channel " + id + ": allow Send Messages for the bot there");
        }
        if (!f.botCanEmbed()) {
            problems.add("the bot cannot embed links in summary channel " + id + ": allow Embed Links for the bot there");
        }
        if (!f.botCanReadHistory()) {
            problems.add("the bot cannot read message history in summary channel " + id + ": allow Read Message History"
                    + " for the bot there (without it a card whose post was lost cannot be found again, and is"
                    + " posted twice)");
        }
        if (f.everyoneCanView()) {
            problems.add("@everyone can view summary channel " + id + " (prospects' answers!): deny View Channel to @everyone there");
        }
        return problems;
    }
}
