package com.discoverytriage.loopback;

import java.util.List;
import java.util.Objects;

/**
 * The one guild the stand-in serves: a public text channel where prospects run {@code /triage}, a private summary
 * channel only the consultant (manager role) and the bot can see, the {@code @everyone} role, a manager role and
 * the bot's managed role, and its members.
 */
public record LoopbackGuild(
        long id,
        String name,
        long publicChannelId,
        long summaryChannelId,
        long managerRoleId,
        long botRoleId,
        LoopbackUser bot,
        LoopbackUser consultant,
        List<LoopbackUser> prospects,
        long ownerId) {

    /** Permission bits used by the fixture (Discord's documented values). */
    public static final long VIEW_CHANNEL = 1L << 10;
    public static final long SEND_MESSAGES = 1L << 11;
    public static final long EMBED_LINKS = 1L << 14;
    public static final long READ_MESSAGE_HISTORY = 1L << 16;
    public static final long USE_APPLICATION_COMMANDS = 1L << 31;
    public static final long MANAGE_MESSAGES = 1L << 13;
    public static final long MANAGE_GUILD = 1L << 5;

    public static final long EVERYONE_PERMISSIONS =
            VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS;
    public static final long MANAGER_PERMISSIONS = EVERYONE_PERMISSIONS | MANAGE_MESSAGES | MANAGE_GUILD;
    public static final long BOT_PERMISSIONS = EVERYONE_PERMISSIONS | EMBED_LINKS;

    public LoopbackGuild {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bot, "bot");
        Objects.requireNonNull(consultant, "consultant");
        prospects = List.copyOf(prospects);
        if (prospects.isEmpty()) {
            throw new IllegalArgumentException("the guild needs at least one prospect");
        }
    }

    /** The {@code @everyone} role shares the guild's id. */
    public long everyoneRoleId() {
        return id;
    }

    public LoopbackUser prospect(int index) {
        return prospects.get(index);
    }

    public List<LoopbackUser> members() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(bot, consultant), prospects.stream())
                .toList();
    }

    static LoopbackGuild standard(Snowflakes ids, long applicationId) {
        LoopbackUser bot = new LoopbackUser(applicationId, "discovery-triage", true);
        return new LoopbackGuild(ids.next(), "Loopback Consulting", ids.next(), ids.next(), ids.next(), ids.next(),
                bot,
                new LoopbackUser(ids.next(), "consultant", false),
                List.of(new LoopbackUser(ids.next(), "prospect-one", false),
                        new LoopbackUser(ids.next(), "prospect-two", false),
                        new LoopbackUser(ids.next(), "prospect-three", false)),
                // the server's owner is someone else: the consultant manages it through a role
                ids.next());
    }
}
