package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Protocol;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A stand-in for Discord on 127.0.0.1, for tests: REST (behind an HTTPS CONNECT tunnel for {@code discord.com}) and
 * the gateway (plain websocket). Point a Javacord client at it with {@link JavacordLoopback}; every REST request and
 * gateway frame is recorded, faults can be scripted, and gateway events (interactions, DMs) can be dispatched.
 *
 * <p>One instance serves one bot token (fresh per instance, because Javacord's IDENTIFY limiter is static per
 * token). Start with {@link #start()}, stop with {@link #close()}.
 */
public final class LoopbackDiscord implements AutoCloseable {

    /** The deadline Discord gives an interaction callback. */
    public static final Duration INTERACTION_DEADLINE = Duration.ofSeconds(3);

    private static final HeldCertificate CERTIFICATE = new HeldCertificate.Builder()
            .commonName("discord.com")
            .addSubjectAlternativeName("discord.com")
            .duration(1, java.util.concurrent.TimeUnit.DAYS)
            .build();
    private static final HandshakeCertificates SERVER_CERTIFICATES =
            new HandshakeCertificates.Builder().heldCertificate(CERTIFICATE).build();
    private static final HandshakeCertificates CLIENT_TRUST =
            new HandshakeCertificates.Builder().addTrustedCertificate(CERTIFICATE.certificate()).build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Snowflakes ids = new Snowflakes();
    private final String token = "loopback." + randomToken(24);
    private final long applicationId = ids.next();
    private final LoopbackGuild guild = LoopbackGuild.standard(ids, applicationId);
    private final DiscordState state = new DiscordState(guild, applicationId, ids);
    private final MockWebServer restServer = new MockWebServer();
    private final MockWebServer gatewayServer = new MockWebServer();
    private final GatewayStandIn gateway = new GatewayStandIn(token, this::readyData,
            state::guildCreate, this::resumeGatewayUrl);
    private final RestStandIn rest = new RestStandIn(state, token, this::gatewayUrl, gateway::identifyCount);
    private final java.util.Deque<CloseAction> onClose = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean started;
    private volatile boolean contractCheckedAfterTest = true;
    private volatile boolean deadlineCheckedAfterTest = true;

    /** Something to undo before the stand-in stops (for example a client's disconnect). */
    @FunctionalInterface
    public interface CloseAction {
        void run() throws Exception;
    }

    public LoopbackDiscord start() {
        try {
            restServer.setDispatcher(rest);
            restServer.setProtocols(List.of(Protocol.HTTP_1_1));
            restServer.useHttps(SERVER_CERTIFICATES.sslSocketFactory(), true);
            restServer.start(InetAddress.getLoopbackAddress(), 0);
            gatewayServer.setDispatcher(gateway);
            gatewayServer.setProtocols(List.of(Protocol.HTTP_1_1));
            gatewayServer.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the loopback Discord", e);
        }
        started = true;
        return this;
    }

    @Override
    public void close() {
        if (!started) {
            return;
        }
        started = false;
        for (CloseAction action = onClose.pollLast(); action != null; action = onClose.pollLast()) {
            try {
                action.run();
            } catch (Exception e) {
                // the client may already be gone; stopping the stand-in matters more
            }
        }
        gateway.closeConnections();
        shutdownQuietly(gatewayServer);
        shutdownQuietly(restServer);
    }

    /** Runs {@code action} when the stand-in closes, before its servers stop (last registered runs first). */
    public void onClose(CloseAction action) {
        onClose.add(action);
    }

    /** Whether {@link LoopbackDiscordExtension} checks recorded requests against Discord's contract after the test. */
    public LoopbackDiscord checkContractAfterTest(boolean checked) {
        this.contractCheckedAfterTest = checked;
        return this;
    }

    public boolean contractCheckedAfterTest() {
        return contractCheckedAfterTest;
    }

    /** Whether {@link LoopbackDiscordExtension} fails the test when an interaction was answered late or never. */
    public LoopbackDiscord checkInteractionDeadlineAfterTest(boolean checked) {
        this.deadlineCheckedAfterTest = checked;
        return this;
    }

    public boolean deadlineCheckedAfterTest() {
        return deadlineCheckedAfterTest;
    }

    // ---- how a client reaches it

    /** The bot token this stand-in accepts (without the {@code Bot } prefix). */
    public String token() {
        return token;
    }

    /** {@code ws://127.0.0.1:PORT}: the gateway; also what {@code GET /gateway} and READY's resume URL return. */
    public String gatewayUrl() {
        return "ws://" + gatewayServer.getHostName() + ":" + gatewayServer.getPort();
    }

    /**
     * READY's {@code resume_gateway_url}: the same server under another loopback name, as Discord's differs
     * from the gateway URL (topics/gateway, "Resuming": a client must resume through it).
     */
    public String resumeGatewayUrl() {
        String other = "localhost".equals(gatewayServer.getHostName()) ? "127.0.0.1" : "localhost";
        return "ws://" + other + ":" + gatewayServer.getPort();
    }

    /** The Host header of each gateway connection, in order (the gateway's or the resume URL's). */
    public List<String> gatewayConnectionHosts() {
        return gateway.connectionHosts();
    }

    /** IDENTIFYs so far (each spends one of the day's session starts). */
    public int identifyCount() {
        return gateway.identifyCount();
    }

    /** Session starts allowed (default 1000 a day); an IDENTIFY past it is closed 4004, as the token is reset. */
    public LoopbackDiscord sessionStartLimit(int limit) {
        gateway.sessionStartLimit = limit;
        return this;
    }

    /** Adds a network delay, uniform between {@code min} and {@code max}, to every REST answer. */
    public LoopbackDiscord latency(Duration min, Duration max) {
        rest.latency(min, max);
        return this;
    }

    /** The global limit over all bot-token requests (default 50 per second; interaction routes exempt). */
    public LoopbackDiscord globalRateLimit(int limit, Duration window) {
        rest.globalRateLimit(limit, window);
        return this;
    }

    /** How long an enforced nonce is remembered (default 3 minutes, "a few minutes" on Discord). */
    public LoopbackDiscord nonceWindow(Duration window) {
        state.nonceWindow = window;
        return this;
    }

    /** Port of the CONNECT proxy that serves {@code https://discord.com}. */
    public int restProxyPort() {
        return restServer.getPort();
    }

    /**
     * Sends every HTTPS request to the stand-in's tunnel (it accepts only {@code discord.com}, so nothing leaves the
     * machine) and connects directly to loopback addresses (the gateway).
     */
    public ProxySelector proxySelector() {
        return proxySelector(restServer.getPort());
    }

    /**
     * {@link #proxySelector()} for a client in another process, which knows the stand-in only by its
     * {@link #restProxyPort()}.
     */
    public static ProxySelector proxySelector(int restProxyPort) {
        Proxy tunnel = new Proxy(Proxy.Type.HTTP,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), restProxyPort));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                String host = uri.getHost();
                boolean loopback = host != null && (host.equals("127.0.0.1") || host.equals("localhost")
                        || host.equals("[::1]") || host.equals("::1"));
                return List.of(loopback ? Proxy.NO_PROXY : tunnel);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException failure) {
                // nothing to fall back to
            }
        };
    }

    /**
     * Trust material for a plain OkHttp client that should verify the stand-in's {@code discord.com} certificate
     * instead of trusting everything (Javacord itself only offers trust-all).
     */
    public static HandshakeCertificates clientTrust() {
        return CLIENT_TRUST;
    }

    // ---- fixture

    public LoopbackGuild guild() {
        return guild;
    }

    public long applicationId() {
        return applicationId;
    }

    /**
     * A further user known to the stand-in (for DMs and interactions, for example a burst of 50 prospects). Not in
     * GUILD_CREATE's member list: without the privileged GUILD_MEMBERS intent a bot learns members from the
     * interactions they send, which carry the member object.
     */
    public LoopbackUser addUser(String username) {
        LoopbackUser user = new LoopbackUser(ids.next(), username, false);
        state.extraUsers.add(user);
        return user;
    }

    /** A further user with a global display name and a server nickname of their own (either may be null). */
    public LoopbackUser addUser(String username, String globalName, String nick) {
        LoopbackUser user = new LoopbackUser(ids.next(), username, false, globalName, nick);
        state.extraUsers.add(user);
        return user;
    }

    /**
     * A private thread of the guild that the bot has never seen (no GUILD_CREATE entry, no THREAD_CREATE): its id.
     * Interactions can still come from there.
     */
    public long unseenPrivateThread() {
        long id = ids.next();
        state.unseenThreads.add(id);
        return id;
    }

    /** {@code /name} run by {@code user} in {@code channelId} (for example an {@link #unseenPrivateThread()}). */
    public LoopbackInteraction slashCommandIn(long channelId, LoopbackUser user, String name, ObjectNode... options) {
        return slashCommand(user, name, channelId, options);
    }

    /**
     * Forgets recorded requests, frames, scripted faults and interactions (the gateway session, messages and
     * commands stay). For a stand-in shared by several tests, for example one that a Spring context is bound to.
     */
    public void resetRecordings() {
        rest.resetRecordings();
        gateway.resetRecordings();
        state.interactions.clear();
        state.interactionsByToken.clear();
        state.interactionTokensExpired = false;
    }

    /**
     * What {@link LoopbackDiscordExtension} checks after a test: interactions answered after 3 s or never (when
     * {@link #deadlineCheckedAfterTest()}), and contract violations (when {@link #contractCheckedAfterTest()} and
     * the contract file is present). Empty when all is well.
     */
    public List<String> afterTestProblems() {
        List<String> problems = new ArrayList<>();
        if (deadlineCheckedAfterTest) {
            InteractionTimings timings = interactionTimings();
            timings.slowerThan(INTERACTION_DEADLINE).forEach(t -> problems.add(
                    "interaction " + Long.toUnsignedString(t.interactionId()) + " answered after "
                            + t.dispatchToCallback().orElseThrow().toMillis() + " ms (deadline 3000 ms)"));
            timings.unanswered().forEach(id -> problems.add(
                    "interaction " + Long.toUnsignedString(id) + " was never answered"));
        }
        if (contractCheckedAfterTest) {
            com.discoverytriage.loopback.contract.DiscordContract.load()
                    .ifPresent(contract -> problems.addAll(contract.violations(this)));
        }
        return problems;
    }

    /** The DM channel between the bot and {@code user} (created on first use, as {@code POST /users/@me/channels}). */
    public long dmChannelOf(LoopbackUser user) {
        return state.dmChannelOf(user);
    }

    // ---- gateway control

    /** Heartbeat interval announced in HELLO (default 1000 ms; Javacord needs at least 1000 ms). */
    public LoopbackDiscord heartbeatInterval(Duration interval) {
        if (interval.toMillis() < 1000) {
            throw new IllegalArgumentException("Javacord reserves 60000/interval frames per minute for heartbeats;"
                    + " below 1000 ms it cannot send anything else");
        }
        gateway.heartbeatIntervalMillis = (int) interval.toMillis();
        return this;
    }

    /** Dispatches an event; returns its sequence number. Buffered (for RESUME) when no live connection exists. */
    public int dispatch(String type, JsonNode data) {
        return gateway.dispatch(type, data);
    }

    /**
     * Dispatches INTERACTION_CREATE and starts the interaction's callback clock. Dispatching the same interaction
     * again sends the same payload again (a duplicate delivery); a second callback is then refused with 40060.
     */
    public LoopbackInteraction dispatchInteraction(LoopbackInteraction interaction) {
        InteractionRecord record = state.interactions.get(interaction.id());
        if (record == null) {
            throw new IllegalArgumentException("build interactions with this stand-in's builders: " + interaction);
        }
        synchronized (record) {
            // A re-dispatch (Discord delivering the same event twice) keeps the first clock.
            if (record.dispatchNanos < 0) {
                record.dispatchNanos = System.nanoTime();
            }
        }
        gateway.dispatch("INTERACTION_CREATE", interaction.payload());
        return interaction;
    }

    /** Dispatches MESSAGE_CREATE for a DM from {@code author} to the bot; returns the message id. */
    public long dispatchDirectMessage(LoopbackUser author, String content) {
        long messageId = ids.next();
        dispatch("MESSAGE_CREATE", Payloads.directMessage(messageId, state.dmChannelOf(author), author, content));
        return messageId;
    }

    /** Closes the live gateway connection with {@code code} (4000: unknown error, which Javacord resumes after). */
    public void closeGateway(int code) {
        gateway.close(code, code == 4000 ? "Unknown error." : "Closed by the loopback stand-in.");
    }

    /** Sends op 7 RECONNECT; events dispatched afterwards are buffered until the client resumes. */
    public void requestReconnect() {
        gateway.requestReconnect();
    }

    /** Sends op 9 INVALID_SESSION; with {@code resumable=false} the session's unsent events are lost. */
    public void invalidateSession(boolean resumable) {
        gateway.invalidateSession(resumable);
    }

    /**
     * Turns the live connection into a zombie: the socket stays open, heartbeats are no longer acknowledged, and
     * dispatches are buffered for a later RESUME instead of being delivered. New connections behave normally.
     */
    public void silenceGateway() {
        gateway.silence();
    }

    public boolean isGatewaySilenced() {
        return gateway.isLiveConnectionSilent();
    }

    /** Number of websocket connections the client opened so far. */
    public int gatewayConnections() {
        return gateway.connectionCount();
    }

    /** Query strings of the gateway connections (Javacord asks for {@code encoding=json&v=10}). */
    public List<String> gatewayConnectionQueries() {
        return gateway.connectionQueries();
    }

    /** Sequence number of the last dispatch in the current session. */
    public int lastSequence() {
        GatewayStandIn.Session session = gateway.currentSession();
        return session == null ? 0 : session.lastSequence();
    }

    // ---- REST control

    /**
     * Replaces the bot's own permission overwrite in {@code channelId} (a server manager editing the channel) and
     * tells a connected client with CHANNEL_UPDATE, as Discord does. REST follows the new permissions at once.
     */
    public void setBotOverwrite(long channelId, long allow, long deny) {
        state.botOverwrites.put(channelId, new long[] {allow, deny});
        ObjectNode guildNow = state.guildCreate();
        for (JsonNode channel : guildNow.get("channels")) {
            if (channel.get("id").asLong() == channelId && gateway.currentSession() != null) {
                gateway.dispatch("CHANNEL_UPDATE", channel);
            }
        }
    }

    /** Puts the bot's overwrite in {@code channelId} back as the fixture had it. */
    public void resetBotOverwrite(long channelId) {
        state.botOverwrites.remove(channelId);
        ObjectNode guildNow = state.guildCreate();
        for (JsonNode channel : guildNow.get("channels")) {
            if (channel.get("id").asLong() == channelId && gateway.currentSession() != null) {
                gateway.dispatch("CHANNEL_UPDATE", channel);
            }
        }
    }

    /** The slash commands registered globally ({@code guildId} null) or in a guild, as Discord would list them. */
    public ArrayNode registeredCommands(Long guildId) {
        return state.commands(guildId);
    }

    /** Someone deletes the command {@code name} in the developer portal (or with another tool). */
    public void deleteCommandByHand(Long guildId, String name) {
        ArrayNode kept = Payloads.JSON.createArrayNode();
        state.commands(guildId).forEach(c -> {
            if (!c.path("name").asText().equals(name)) {
                kept.add(c);
            }
        });
        state.replaceCommands(guildId, kept);
    }

    /** The next {@code times} requests matching {@code method} and {@code pathTemplate} get {@code fault}. */
    public LoopbackDiscord scriptFault(String method, String pathTemplate, RestFault fault, int times) {
        rest.scriptFault(method, pathTemplate, fault, times);
        return this;
    }

    public LoopbackDiscord scriptFault(String method, String pathTemplate, RestFault fault) {
        return scriptFault(method, pathTemplate, fault, 1);
    }

    /**
     * The same per-route limit on every route, announced in the rate-limit headers and enforced with 429s; replaces
     * the defaults (50 per second, and 5 per 5 s for message creates in a channel).
     */
    public LoopbackDiscord rateLimit(int limit, Duration window) {
        rest.rateLimit(limit, window);
        return this;
    }

    /**
     * The limit of one route's buckets (one per channel, guild or webhook in the path), for example
     * {@code routeRateLimit("POST", "/channels/{channel}/messages", 5, Duration.ofSeconds(5))}.
     */
    public LoopbackDiscord routeRateLimit(String method, String routeTemplate, int limit, Duration window) {
        rest.routeRateLimit(method, routeTemplate, limit, window);
        return this;
    }

    /** Whether a callback later than 3 s is answered 404 / 10062 Unknown interaction, as Discord does (default on). */
    public LoopbackDiscord enforceInteractionDeadline(boolean enforced) {
        rest.callbackDeadlineEnforced = enforced;
        return this;
    }

    /** From now on followups and edits of every interaction are refused (401 / 50027), as after 15 minutes. */
    public void expireInteractionTokens() {
        state.interactionTokensExpired = true;
    }

    /**
     * The tokens of every interaction dispatched so far expire (followups and edits refused with 401 / 50027, as
     * 15 minutes later); interactions built afterwards get working tokens, as a prospect's new click does.
     */
    public void expireTokensOfInteractionsSoFar() {
        state.interactions.values().forEach(r -> r.tokenExpired = true);
    }

    /** Id of the message that is {@code @original} for {@code interaction}, once its callback created or chose one. */
    public Optional<Long> originalMessageId(LoopbackInteraction interaction) {
        InteractionRecord record = state.interactions.get(interaction.id());
        return record == null ? Optional.empty() : Optional.ofNullable(record.originalMessageId);
    }

    // ---- interactions

    /** {@code /name} run in the guild's public channel by {@code user}. */
    public LoopbackInteraction slashCommand(LoopbackUser user, String name, ObjectNode... options) {
        return slashCommand(user, name, guild.publicChannelId(), options);
    }

    /** {@code /name} run in the bot's DM with {@code user}. */
    public LoopbackInteraction slashCommandInDm(LoopbackUser user, String name, ObjectNode... options) {
        return slashCommand(user, name, state.dmChannelOf(user), options);
    }

    private LoopbackInteraction slashCommand(LoopbackUser user, String name, long channelId, ObjectNode... options) {
        ObjectNode data = Payloads.object()
                .put("id", Long.toUnsignedString(state.commandId(name).orElseGet(ids::next)))
                .put("name", name)
                .put("type", 1);
        if (state.isGuildChannel(channelId)) {
            data.put("guild_id", Long.toUnsignedString(guild.id()));
        }
        if (options.length > 0) {
            ArrayNode array = data.putArray("options");
            for (ObjectNode option : options) {
                array.add(option);
                if (option.path("type").asInt() == 6) {
                    // like Discord: a user option comes with the user in data.resolved.users
                    long id = option.path("value").asLong();
                    state.user(id).ifPresent(u -> {
                        ObjectNode resolved = data.has("resolved") ? (ObjectNode) data.get("resolved")
                                : data.putObject("resolved");
                        ObjectNode users = resolved.has("users") ? (ObjectNode) resolved.get("users")
                                : resolved.putObject("users");
                        users.set(u.idAsString(), Payloads.user(u));
                    });
                }
            }
        }
        return newInteraction(2, user, channelId, data, null);
    }

    /** A user option for a slash command (type 6, the user's id as value). */
    public static ObjectNode userOption(String name, LoopbackUser user) {
        return Payloads.object().put("name", name).put("type", 6).put("value", user.idAsString());
    }

    /** A string option for a slash command. */
    public static ObjectNode stringOption(String name, String value) {
        return Payloads.object().put("name", name).put("type", 3).put("value", value);
    }

    /** {@code user} clicks the button {@code customId} on a message the bot sent (looked up in the stand-in). */
    public LoopbackInteraction buttonClick(LoopbackUser user, long messageId, String customId) {
        ObjectNode message = state.message(messageId).orElseThrow(() ->
                new IllegalArgumentException("no message " + messageId + " was sent through the stand-in"));
        return buttonClick(user, message, customId);
    }

    /** {@code user} clicks the button {@code customId} on {@code message} (a message object). */
    public LoopbackInteraction buttonClick(LoopbackUser user, ObjectNode message, String customId) {
        ObjectNode data = Payloads.object().put("custom_id", customId).put("component_type", 2);
        return newInteraction(3, user, message.get("channel_id").asLong(), data, message.deepCopy());
    }

    /** {@code user} picks the option {@code value} of the string select menu {@code customId} on {@code message}. */
    public LoopbackInteraction selectChoose(LoopbackUser user, ObjectNode message, String customId, String value) {
        ObjectNode data = Payloads.object().put("custom_id", customId).put("component_type", 3);
        data.putArray("values").add(value);
        return newInteraction(3, user, message.get("channel_id").asLong(), data, message.deepCopy());
    }

    /**
     * {@code user} submits the modal {@code customId} with one text input per entry of {@code values}; in the DM
     * when {@code inDm}, else in the guild's public channel.
     */
    public LoopbackInteraction modalSubmit(LoopbackUser user, String customId, Map<String, String> values,
                                           boolean inDm) {
        ObjectNode data = Payloads.object().put("custom_id", customId);
        ArrayNode rows = data.putArray("components");
        values.forEach((inputId, value) -> {
            ObjectNode row = rows.addObject().put("type", 1);
            row.putArray("components").addObject().put("type", 4).put("custom_id", inputId).put("value", value);
        });
        long channelId = inDm ? state.dmChannelOf(user) : guild.publicChannelId();
        return newInteraction(5, user, channelId, data, null);
    }

    /**
     * {@code user} submits the modal {@code customId}, opened from a button on the message {@code messageId}: the
     * payload carries that message, as Discord's does, so the modal can be answered by updating it (types 6 and 7).
     */
    public LoopbackInteraction modalSubmitOnMessage(LoopbackUser user, String customId, Map<String, String> values,
                                                    long messageId) {
        ObjectNode message = state.message(messageId).orElseThrow(() ->
                new IllegalArgumentException("no message " + messageId + " was sent through the stand-in"));
        ObjectNode data = Payloads.object().put("custom_id", customId);
        ArrayNode rows = data.putArray("components");
        values.forEach((inputId, value) -> {
            ObjectNode row = rows.addObject().put("type", 1);
            row.putArray("components").addObject().put("type", 4).put("custom_id", inputId).put("value", value);
        });
        ObjectNode copy;
        synchronized (message) {
            copy = message.deepCopy();
        }
        return newInteraction(5, user, message.get("channel_id").asLong(), data, copy);
    }

    private LoopbackInteraction newInteraction(int type, LoopbackUser user, long channelId, ObjectNode data,
                                               ObjectNode message) {
        long id = ids.next();
        String interactionToken = "aW50ZXJhY3Rpb246" + Long.toUnsignedString(id) + ":" + randomToken(48);
        boolean inGuild = state.isGuildChannel(channelId);
        ObjectNode payload = Payloads.object()
                .put("id", Long.toUnsignedString(id))
                .put("application_id", Long.toUnsignedString(applicationId))
                .put("type", type)
                .put("token", interactionToken)
                .put("version", 1)
                .put("channel_id", Long.toUnsignedString(channelId))
                .put("locale", "en-US")
                .put("app_permissions", Long.toString(LoopbackGuild.BOT_PERMISSIONS))
                .put("context", inGuild ? 0 : 1)
                .put("attachment_size_limit", 10_485_760);
        payload.set("data", data);
        payload.putArray("entitlements");
        if (inGuild) {
            payload.put("guild_id", Long.toUnsignedString(guild.id())).put("guild_locale", "en-US");
            payload.putObject("guild").put("id", Long.toUnsignedString(guild.id())).put("locale", "en-US")
                    .putArray("features");
            payload.set("channel", state.unseenThreads.contains(channelId)
                    ? Payloads.privateThread(guild, channelId, guild.publicChannelId())
                    : Payloads.textChannel(guild, channelId,
                            channelId == guild.summaryChannelId() ? "triage-summaries" : "start-here", 0));
            payload.set("member", Payloads.interactionMember(guild, user));
            payload.putObject("authorizing_integration_owners").put("0", Long.toUnsignedString(guild.id()));
        } else {
            payload.set("channel", Payloads.dmChannel(channelId, user));
            payload.set("user", Payloads.user(user));
            payload.putObject("authorizing_integration_owners").put("1", user.idAsString());
        }
        if (message != null) {
            payload.set("message", message);
        }
        LoopbackInteraction interaction = new LoopbackInteraction(id, interactionToken, payload);
        Long componentMessageId = message == null ? null : message.get("id").asLong();
        InteractionRecord record = new InteractionRecord(interaction, channelId, inGuild ? guild.id() : null,
                componentMessageId);
        state.interactions.put(id, record);
        state.interactionsByToken.put(interactionToken, record);
        return interaction;
    }

    // ---- recordings

    /** Every REST request so far, in arrival order. */
    public List<RecordedCall> requests() {
        return rest.calls();
    }

    /** REST requests matching {@code method} and a path template such as {@code /channels/{id}/messages}. */
    public List<RecordedCall> requests(String method, String pathTemplate) {
        return rest.calls().stream().filter(c -> c.matches(method, pathTemplate)).toList();
    }

    /** Every gateway frame so far, both directions. */
    public List<GatewayFrame> frames() {
        return gateway.frames();
    }

    /** Frames the client sent with opcode {@code op} (1 heartbeat, 2 identify, 6 resume...). */
    public List<GatewayFrame> framesFromClient(int op) {
        return gateway.frames().stream()
                .filter(f -> f.direction() == GatewayFrame.Direction.FROM_CLIENT && f.op() == op).toList();
    }

    /** Tunnel targets other than discord.com that a client tried (always refused). */
    public List<String> refusedTunnels() {
        return rest.refusedTunnels();
    }

    /** Current state of the messages in a channel (after edits), oldest first. */
    public List<ObjectNode> messagesIn(long channelId) {
        return state.messagesIn(channelId);
    }

    public Optional<ObjectNode> message(long messageId) {
        return state.message(messageId).map(ObjectNode::deepCopy);
    }

    /** The callback requests received for {@code interaction}. */
    public List<RecordedCall> callbacks(LoopbackInteraction interaction) {
        return requests("POST", interaction.callbackPath());
    }

    /** Dispatch-to-callback times of every dispatched interaction. */
    public InteractionTimings interactionTimings() {
        List<InteractionTimings.Timing> timings = new ArrayList<>();
        state.interactions.values().stream()
                .filter(r -> r.dispatchNanos >= 0)
                .sorted(java.util.Comparator.comparingLong(r -> r.dispatchNanos))
                .forEach(r -> timings.add(new InteractionTimings.Timing(r.interaction.id(),
                        r.firstCallbackNanos < 0 ? Optional.empty()
                                : Optional.of(Duration.ofNanos(r.firstCallbackNanos - r.dispatchNanos)))));
        return new InteractionTimings(timings);
    }

    // ---- waiting

    /** Waits for the first request matching {@code method} and {@code pathTemplate}. */
    public RecordedCall awaitRequest(String method, String pathTemplate, Duration timeout) {
        return awaitRequests(method, pathTemplate, 1, timeout).get(0);
    }

    /** Waits until {@code count} requests match; returns all matches. */
    public List<RecordedCall> awaitRequests(String method, String pathTemplate, int count, Duration timeout) {
        return await(() -> {
            List<RecordedCall> found = requests(method, pathTemplate);
            return found.size() >= count ? Optional.of(found) : Optional.empty();
        }, timeout, () -> count + " request(s) " + method + " " + pathTemplate + "; seen: " + requests());
    }

    /** Waits for the first callback of {@code interaction}. */
    public RecordedCall awaitCallback(LoopbackInteraction interaction, Duration timeout) {
        return awaitRequest("POST", interaction.callbackPath(), timeout);
    }

    /** Waits for a frame from the client with opcode {@code op}, received after {@code afterNanos}. */
    public GatewayFrame awaitFrameFromClient(int op, long afterNanos, Duration timeout) {
        return await(() -> framesFromClient(op).stream().filter(f -> f.nanos() > afterNanos).findFirst(),
                timeout, () -> "a frame with op " + op + "; seen: " + frames());
    }

    /** Waits for a gateway frame matching {@code condition}. */
    public GatewayFrame awaitFrame(Predicate<GatewayFrame> condition, Duration timeout) {
        return await(() -> frames().stream().filter(condition).findFirst(), timeout,
                () -> "a matching gateway frame; seen: " + frames());
    }

    static <T> T await(Supplier<Optional<T>> probe, Duration timeout, Supplier<String> what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for " + what.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get(), e);
            }
        }
    }

    // ---- internals

    private ObjectNode readyData() {
        ObjectNode ready = Payloads.object().put("v", 10).put("session_type", "normal");
        ready.set("user", Payloads.user(guild.bot()).put("verified", true).put("mfa_enabled", false));
        ready.putArray("guilds").addObject().put("id", Long.toUnsignedString(guild.id())).put("unavailable", true);
        ready.putArray("private_channels");
        ready.putArray("relationships");
        ready.putArray("presences");
        ready.putArray("shard").add(0).add(1);
        ready.putObject("application").put("id", Long.toUnsignedString(applicationId)).put("flags", 0);
        ready.putArray("_trace").add("loopback");
        return ready;
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void shutdownQuietly(MockWebServer server) {
        try {
            server.shutdown();
        } catch (IOException e) {
            // a connection still draining; the port is released anyway
        }
    }
}
