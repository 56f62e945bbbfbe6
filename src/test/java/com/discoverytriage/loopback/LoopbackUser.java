package com.discoverytriage.loopback;

import java.util.Locale;
import java.util.Objects;

/**
 * A Discord user known to the stand-in (the bot itself, the consultant, prospects). Like on Discord, the global
 * display name ({@code global_name}) differs from the handle ({@code username}); a server nickname may override
 * both in that server (documentation: resources/user, "User Object"; resources/guild, "Guild Member Object").
 */
public record LoopbackUser(long id, String username, boolean bot, String globalName, String nick) {

    public LoopbackUser {
        Objects.requireNonNull(username, "username");
    }

    /** A user whose display name is the handle in title case ("prospect-one" shows as "Prospect One"). */
    public LoopbackUser(long id, String username, boolean bot) {
        this(id, username, bot, bot ? null : titleCase(username), null);
    }

    public String idAsString() {
        return Long.toUnsignedString(id);
    }

    /** The same user with a server nickname. */
    public LoopbackUser withNick(String nickname) {
        return new LoopbackUser(id, username, bot, globalName, nickname);
    }

    /** What Discord's client shows in the server: nickname, else global name, else username. */
    public String shownName() {
        return nick != null ? nick : globalName != null ? globalName : username;
    }

    private static String titleCase(String handle) {
        StringBuilder out = new StringBuilder();
        for (String word : handle.split("[-_.]+")) {
            if (!word.isEmpty()) {
                out.append(out.length() == 0 ? "" : " ").append(word.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(word.substring(1));
            }
        }
        return out.length() == 0 ? handle : out.toString();
    }
}
