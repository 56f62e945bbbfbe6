package com.discoverytriage.discord;

/**
 * The invite URL with exactly the permissions the bot needs:
 * View Channel (1 << 10) to see the panel and summary channels; Send Messages (1 << 11) to post the panel and the
 * cards; Embed Links (1 << 14) because every message is an embed; Read Message History (1 << 16) to fetch its own
 * card before editing it. Interaction responses, DMs and editing its own messages need no permission.
 */
public final class BotInvite {

    static final long VIEW_CHANNEL = 1L << 10;
    static final long SEND_MESSAGES = 1L << 11;
    static final long EMBED_LINKS = 1L << 14;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long PERMISSIONS = VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | READ_MESSAGE_HISTORY;

    private BotInvite() {
    }

    public static String url(long clientId) {
        return "https://discord.com/oauth2/authorize?client_id=" + Long.toUnsignedString(clientId)
                + "&permissions=" + PERMISSIONS + "&scope=bot%20applications.commands";
    }
}
