package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.BotInvite;
import com.discoverytriage.discord.BotStartupException;
import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.DiscordProperties;
import com.discoverytriage.discord.card.CardDelivery;
import com.discoverytriage.discord.card.SummaryChannelCheck;
import com.discoverytriage.discord.http.DiscordRest;
import com.discoverytriage.discord.http.InteractionCallbacks;
import com.discoverytriage.discord.interaction.CommandBodies;
import com.discoverytriage.discord.interaction.CommandDefinitions;
import com.discoverytriage.discord.interaction.CommandRegistrations;
import com.discoverytriage.discord.interaction.CommandSync;
import com.discoverytriage.discord.interaction.InteractionPayloads;
import com.discoverytriage.discord.interaction.TriageInteractions;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.cluster.DatabaseLocks;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.permission.PermissionState;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.javacord.api.entity.user.User;
import org.javacord.core.util.rest.RestEndpoint;
import org.javacord.core.util.rest.RestMethod;
import org.javacord.core.util.rest.RestRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/** Connects, registers commands, checks the summary channel, listens, delivers cards; disconnects on shutdown. */
public class DiscordBot implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DiscordBot.class);

    private final DiscordProperties properties;
    private final DiscordApiFactory factory;
    private final DiagnosticCatalog catalog;
    private final CommandRegistrations registrations;
    private final TriageInteractions interactions;
    private final Function<DiscordApi, CardDelivery> deliveryFactory;
    private final java.util.function.Consumer<DiscordApi> onConnected;
    private final InteractionCallbacks callbacks;
    private final GatewayWatchdog watchdog;
    private final Instances instances;
    private volatile DiscordApi api;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    /** Completed by {@link #stop()} or the JVM's shutdown (SIGTERM): a pending login gives up, new work is refused. */
    private final CompletableFuture<Void> stopping = new CompletableFuture<>();
    private volatile java.util.concurrent.ExecutorService workers;
    static final Duration DRAIN = Duration.ofSeconds(8);
    private ScheduledExecutorService leadership;
    private DatabaseLocks.Held gatewayLock;

    /**
     * What several instances on one database share: the locks, whether this one may hold the gateway, whether
     * interactions arrive over HTTP (then the commands are registered over REST), and the REST client used when
     * this instance does not hold the gateway.
     */
    public record Instances(DatabaseLocks locks, GatewayProperties gateway, boolean http, DiscordRest rest) {

        static Instances single() {
            return new Instances(null, new GatewayProperties(true, Duration.ofSeconds(5)), false, null);
        }
    }

    public DiscordBot(DiscordProperties properties, DiscordApiFactory factory, DiagnosticCatalog catalog,
            CommandRegistrations registrations, TriageInteractions interactions,
            Function<DiscordApi, CardDelivery> deliveryFactory, java.util.function.Consumer<DiscordApi> onConnected,
            InteractionCallbacks callbacks, GatewayWatchdog watchdog) {
        this(properties, factory, catalog, registrations, interactions, deliveryFactory, onConnected, callbacks,
                watchdog, Instances.single());
    }

    public DiscordBot(DiscordProperties properties, DiscordApiFactory factory, DiagnosticCatalog catalog,
            CommandRegistrations registrations, TriageInteractions interactions,
            Function<DiscordApi, CardDelivery> deliveryFactory, java.util.function.Consumer<DiscordApi> onConnected,
            InteractionCallbacks callbacks, GatewayWatchdog watchdog, Instances instances) {
        this.instances = instances;
        this.properties = properties;
        this.factory = factory;
        this.catalog = catalog;
        this.registrations = registrations;
        this.interactions = interactions;
        this.deliveryFactory = deliveryFactory;
        this.onConnected = onConnected;
        this.callbacks = callbacks;
        this.watchdog = watchdog;
    }

    @Override
    public void start() {
        if (!properties.hasToken()) {
            throw BotStartupException.missingToken();
        }
        if (instances.http()) {
            registerCommandsOverRest();
        }
        if (instances.gateway().enabled()) {
            if (instances.locks() == null) {
                connect();
            } else {
                leadOrFollow();
            }
        }
        startDelivery();
        running = true;
    }

    /**
     * Holds the gateway if no other instance does (connecting now, so a bad token still stops the start), else
     * serves without it; either way checks every {@code leader-poll}: a follower takes over when the leader's lock
     * is free, a leader whose lock connection broke lets go.
     */
    private void leadOrFollow() {
        tryToLead(true);
        leadership = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-leadership");
            t.setDaemon(true);
            return t;
        });
        long every = instances.gateway().leaderPoll().toMillis();
        leadership.scheduleWithFixedDelay(() -> {
            try {
                if (gatewayLock != null && !gatewayLock.stillHeld()) {
                    log.warn("lost the gateway lock's database connection: disconnecting, another instance takes over");
                    letGo();
                }
                if (gatewayLock == null) {
                    tryToLead(false);
                }
            } catch (RuntimeException e) {
                log.warn("gateway leadership check failed: {}", e.getClass().getSimpleName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    private synchronized void tryToLead(boolean atStart) {
        Optional<DatabaseLocks.Held> held;
        try {
            held = instances.locks().tryHold("gateway");
        } catch (DatabaseLocks.SingleInstanceException e) {
            throw new BotStartupException(e.getMessage());
        }
        if (held.isEmpty()) {
            if (atStart) {
                log.info("another instance holds the gateway: this one serves HTTP interactions and delivers cards,"
                        + " and takes over the gateway when that instance goes");
            }
            return;
        }
        gatewayLock = held.get();
        log.info("this instance holds the gateway (leader)");
        try {
            connect();
        } catch (RuntimeException e) {
            letGo();
            if (atStart) {
                throw e;
            }
            log.warn("taking over the gateway failed: {}", e.getMessage());
        }
    }

    private synchronized void letGo() {
        try {
            disconnect();
        } finally {
            // whatever went wrong above, the lock goes: else no instance (not even this one restarted) may lead
            if (gatewayLock != null) {
                gatewayLock.close();
                gatewayLock = null;
            }
        }
    }

    /** Whether this instance holds the gateway connection now. */
    public boolean gatewayLeader() {
        return api != null;
    }

    private void connect() {
        api = login();
        onConnected.accept(api);
        log.info("Discord bot connected. Invite it with: {}", BotInvite.url(api.getClientId()));
        // a failure from here on must not stop the process: under a restart policy every new start spends one of
        // Discord's daily IDENTIFYs (topics/gateway, "Session Start Limit"); say what to fix and keep running
        try {
            if (!instances.http()) {
                if (instances.locks() == null) {
                    registerCommands();
                } else {
                    instances.locks().exclusively("commands", () -> {
                        registerCommands();
                        return null;
                    });
                }
            }
        } catch (RuntimeException e) {
            DiscordFailure f = JavacordSpecs.failure(e instanceof java.util.concurrent.CompletionException
                    && e.getCause() != null ? e.getCause() : e);
            log.error("COMMAND REGISTRATION FAILED ({}): the slash commands may be missing or out of date. Check that"
                    + " DISCORD_GUILD_ID is the id of a server this bot is in, and that it was invited with the"
                    + " applications.commands scope (the invite URL above); then restart. The bot keeps running.",
                    f.toString());
        }
        try {
            checkSummaryChannel();
        } catch (RuntimeException e) {
            log.error("SUMMARY CHANNEL CHECK could not run ({}); the bot keeps running", e.getClass().getSimpleName());
        }
        try {
            checkReach();
        } catch (RuntimeException e) {
            log.error("ACCESS CHECK could not run ({}); the bot keeps running", e.getClass().getSimpleName());
        }
        listen();
        watchdog.watch(api);
    }

    private void startDelivery() {
        CardDelivery delivery = deliveryFactory.apply(api);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "card-delivery");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(200, properties.deliveryInterval().toMillis());
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                delivery.runOnce();
            } catch (RuntimeException e) {
                log.warn("card delivery round failed: {}", e.getClass().getSimpleName());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
    }

    /** HTTP mode: the commands go over REST, once across every instance (an advisory lock, then the stored hash). */
    private void registerCommandsOverRest() {
        CommandDefinitions defs = CommandDefinitions.of(catalog);
        String scope = properties.guildId() == 0 ? "global" : Long.toUnsignedString(properties.guildId());
        Runnable register = () -> {
            String hash = defs.hash();
            if (!registrations.needed(scope, hash)) {
                log.info("slash commands unchanged for scope {}: not registering again", scope);
                return;
            }
            instances.rest().putCommands(properties.guildId(), CommandBodies.of(defs));
            registrations.registered(scope, hash);
            log.info("slash commands registered for scope {}", scope);
        };
        try {
            if (instances.locks() == null) {
                register.run();
            } else {
                instances.locks().exclusively("commands", () -> {
                    register.run();
                    return null;
                });
            }
        } catch (DiscordFailure f) {
            if (f.unauthorized()) {
                throw new BotStartupException("Discord rejected DISCORD_TOKEN (401): get a new token in the Discord "
                        + "developer portal > your application > Bot tab.");
            }
            log.warn("registering the slash commands failed ({}: {}); the next start tries again", f, f.getMessage());
        }
    }

    /**
     * Logs in within {@code triage.discord.login-timeout}. Javacord 3.8 retries an unreachable gateway forever and
     * hands out no client until READY, so a timed-out login can only be abandoned: should it connect later after
     * all, it is disconnected at once (and the application exits on a failed start, see the main class).
     */
    private DiscordApi login() {
        Duration timeout = properties.loginTimeout();
        log.info("connecting to Discord (giving up after {}s)", timeout.toSeconds());
        CompletableFuture<DiscordApi> login = factory.login(properties.token());
        Thread onSignal = new Thread(() -> stopping.complete(null), "discord-login-stop");
        boolean hooked = addShutdownHook(onSignal);
        try {
            CompletableFuture.anyOf(login, stopping).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!login.isDone()) {
                login.thenAccept(late -> {
                    log.info("Discord answered after the bot was stopped; disconnecting");
                    late.disconnect();
                });
                throw new BotStartupException("stopped while connecting to Discord.");
            }
            return login.get();
        } catch (TimeoutException e) {
            login.thenAccept(late -> {
                log.info("Discord answered after the start-up gave up; disconnecting");
                late.disconnect();
            });
            throw new BotStartupException("could not reach Discord's gateway within " + timeout.toSeconds()
                    + "s: check the network / proxy (HTTPS to discord.com and gateway.discord.gg).",
                    "Check that this machine reaches discord.com and gateway.discord.gg on port 443 (firewall, "
                            + "proxy: -Dhttps.proxyHost/-Dhttps.proxyPort), or raise triage.discord.login-timeout.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BotStartupException("interrupted while connecting to Discord.");
        } catch (BotStartupException e) {
            throw e;
        } catch (ExecutionException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            DiscordFailure f = JavacordSpecs.failure(cause);
            if (f.unauthorized() || String.valueOf(cause.getMessage()).contains("401")) {
                throw new BotStartupException("Discord rejected DISCORD_TOKEN (401): get a new token in the Discord "
                        + "developer portal > your application > Bot tab.");
            }
            throw new BotStartupException("could not connect to Discord (" + f + "); check the network and DISCORD_TOKEN.");
        } finally {
            if (hooked) {
                removeShutdownHook(onSignal);
            }
        }
    }

    /** SIGTERM while connecting: the hook ends the wait (Spring's own hook waits for the start to finish). */
    private static boolean addShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return true;
        } catch (IllegalStateException alreadyStopping) {
            return false;
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyStopping) {
            // the JVM is shutting down; the hook has run or will run
        }
    }

    /** The executor of interaction work, drained on stop so that what is in flight finishes. */
    public void drainOnStop(java.util.concurrent.ExecutorService executor) {
        this.workers = executor;
    }

    private void registerCommands() {
        new CommandSync(registrations, new JavacordCommands(api))
                .sync(api.getClientId(), properties.guildId(), CommandBodies.of(CommandDefinitions.of(catalog)));
    }

    private void checkSummaryChannel() {
        long channelId = properties.summaryChannelId();
        SummaryChannelCheck.Facts facts = api.getServerTextChannelById(channelId)
                .map(this::facts)
                .orElse(new SummaryChannelCheck.Facts(false, false, false, false, false, false, false));
        List<String> problems = SummaryChannelCheck.problems(channelId, properties.guildId(), facts);
        problems.forEach(p -> log.warn("SUMMARY CHANNEL CHECK FAILED: {}", p));
    }

    private SummaryChannelCheck.Facts facts(ServerTextChannel channel) {
        Server server = channel.getServer();
        User me = api.getYourself();
        Role everyone = server.getEveryoneRole();
        PermissionState overwrite = channel.getOverwrittenPermissions(everyone).getState(PermissionType.VIEW_CHANNEL);
        boolean everyoneBase = everyone.getPermissions().getState(PermissionType.VIEW_CHANNEL) == PermissionState.ALLOWED;
        boolean everyoneCanView = SummaryChannelCheck.everyoneCanView(overwrite == PermissionState.UNSET ? null
                : overwrite == PermissionState.ALLOWED, everyoneBase);
        var allowed = channel.getEffectiveAllowedPermissions(me);
        boolean admin = server.isAdmin(me);
        return new SummaryChannelCheck.Facts(true,
                properties.guildId() == 0 || server.getId() == properties.guildId(),
                admin || allowed.contains(PermissionType.VIEW_CHANNEL),
                admin || allowed.contains(PermissionType.SEND_MESSAGES),
                admin || allowed.contains(PermissionType.EMBED_LINKS),
                everyoneCanView,
                admin || allowed.contains(PermissionType.READ_MESSAGE_HISTORY));
    }

    /**
     * Interactions and DMs are read from the raw gateway dispatches (see {@link JavacordRawEvents}): an interaction
     * from a channel Javacord has not cached (a private thread, a channel the bot cannot view) is handled like any
     * other, and names come from the payload ({@code global_name} included).
     */
    private void listen() {
        JavacordRawEvents.install(api, "INTERACTION_CREATE", false, this::interactionCreated);
        JavacordRawEvents.install(api, "MESSAGE_CREATE", true, this::messageCreated);
    }

    private void interactionCreated(com.fasterxml.jackson.databind.JsonNode d) {
        if (stopping.isDone()) {
            return; // shutting down: Discord shows the prospect a failure, nothing half-done is left behind
        }
        InteractionPayloads.read(d, properties.consultantRoleId()).ifPresent(delivered -> interactions.handle(
                delivered.interaction(), new JavacordResponder(delivered, callbacks, this::postInChannel)));
    }

    /** Start-up warnings about who can reach the bot: a public application, no home server. */
    public static List<String> reachWarnings(boolean publicBot, long guildId) {
        List<String> warnings = new java.util.ArrayList<>();
        if (publicBot) {
            warnings.add("the application is public: anyone can add the bot to their own server. Turn off "
                    + "\"Public Bot\" (Discord developer portal > your application > Bot tab); interactions from "
                    + "servers other than the home server and triage.discord.allowed-guild-ids are refused.");
        }
        if (guildId == 0) {
            warnings.add("triage.discord.guild-id (DISCORD_GUILD_ID) is not set: nobody has consultant powers "
                    + "(panel, card buttons, export, erasing someone else) and prospects are served only in DMs and "
                    + "triage.discord.allowed-guild-ids. Set it to your server's id.");
        }
        return warnings;
    }

    private void checkReach() {
        api.requestApplicationInfo().whenComplete((info, t) -> {
            if (t != null) {
                log.warn("could not read the application's settings to check \"Public Bot\": {}", DiscordFailure.of(t));
            }
            reachWarnings(info != null && info.isPublicBot(), properties.guildId())
                    .forEach(w -> log.warn("ACCESS CHECK: {}", w));
        });
    }

    /** A DM to the bot from a person (not a bot, not itself); the content is never read. */
    private void messageCreated(com.fasterxml.jackson.databind.JsonNode d) {
        com.fasterxml.jackson.databind.JsonNode author = d.path("author");
        long userId = InteractionPayloads.snowflake(author.path("id"));
        DiscordApi client = api;
        if (d.hasNonNull("guild_id") || userId == 0 || author.path("bot").asBoolean(false)
                || d.hasNonNull("webhook_id") || (client != null && userId == client.getYourself().getId())) {
            return;
        }
        long channelId = InteractionPayloads.snowflake(d.path("channel_id"));
        String name = InteractionPayloads.displayName(com.fasterxml.jackson.databind.node.MissingNode.getInstance(),
                author);
        interactions.directMessage(InteractionPayloads.snowflake(d.path("id")), userId, name, spec -> postInChannel(channelId, spec));
    }

    /** A normal message in a channel, through Javacord's REST queue (bot token, per-route rate limits). */
    private CompletableFuture<Void> postInChannel(long channelId, MessageSpec spec) {
        return JavacordResponder.mapped(new RestRequest<Void>(api, RestMethod.POST, RestEndpoint.MESSAGE)
                .setUrlParameters(Long.toUnsignedString(channelId))
                .setBody(DiscordJson.message(spec))
                .execute(result -> null));
    }

    @Override
    public void stop() {
        stopping.complete(null);
        if (leadership != null) {
            leadership.shutdownNow();
        }
        if (scheduler != null) {
            // let a delivery round finish: it releases its claims on the cards for the other instances
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(15, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduler.shutdownNow();
            }
        }
        java.util.concurrent.ExecutorService pool = workers;
        if (pool != null && api != null) {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(DRAIN.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("interactions still running after {} s; stopping anyway", DRAIN.toSeconds());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        letGo();
        running = false;
    }

    private void disconnect() {
        if (watchdog != null) {
            watchdog.stop();
        }
        DiscordApi connected = api;
        if (connected != null) {
            api = null;
            try {
                onConnected.accept(null);
            } finally {
                log.info("disconnecting from Discord");
                try {
                    connected.disconnect().get(3, TimeUnit.SECONDS);
                } catch (Exception e) {
                    log.warn("disconnect did not finish cleanly: {}", e.getClass().getSimpleName());
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
