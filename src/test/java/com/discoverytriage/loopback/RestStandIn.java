package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Headers;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;

/**
 * Discord's REST API under {@code /api/v10}, served behind an HTTPS CONNECT tunnel for {@code discord.com}.
 * Records every request, adds Discord's rate-limit headers, enforces per-route buckets and the global limit, and plays
 * scripted faults.
 */
final class RestStandIn extends Dispatcher {

    static final String API_PREFIX = "/api/v10";
    /** Limits Discord commonly reports in its headers: 5 message creates per 5 s in each channel. */
    static final Map<String, RouteLimit> DEFAULT_ROUTE_LIMITS = Map.of(
            "POST /channels/{channel}/messages", new RouteLimit(5, Duration.ofSeconds(5)));
    private static final Duration CALLBACK_DEADLINE = Duration.ofSeconds(3);

    private final DiscordState state;
    private final String authorization;
    private final Supplier<String> gatewayUrl;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final List<String> refusedTunnels = new CopyOnWriteArrayList<>();
    private final List<ScriptedFault> faults = new CopyOnWriteArrayList<>();
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final List<Route> routes = new ArrayList<>();
    /**
     * topics/rate-limits, "Per-route rate limits": each route (method and path) has its own limit, counted apart for
     * each top-level resource in the path. Discord says the numbers are not fixed, so they are configurable; routes
     * without an entry use {@link #defaultRouteLimit}.
     */
    private final Map<String, RouteLimit> routeLimits = new ConcurrentHashMap<>(DEFAULT_ROUTE_LIMITS);
    private volatile RouteLimit defaultRouteLimit = new RouteLimit(50, Duration.ofSeconds(1));
    volatile boolean callbackDeadlineEnforced = true;
    /** topics/rate-limits, "Global Rate Limit": 50 requests per second per bot token, interaction routes exempt. */
    private final Bucket global = new Bucket("global");
    private volatile int globalLimit = 50;
    private volatile Duration globalWindow = Duration.ofSeconds(1);
    /** Network latency added to every answer: a uniform delay between these (none by default). */
    private volatile long latencyMinNanos;
    private volatile long latencyMaxNanos;

    private final java.util.function.IntSupplier sessionStarts;

    RestStandIn(DiscordState state, String token, Supplier<String> gatewayUrl,
                java.util.function.IntSupplier sessionStarts) {
        this.sessionStarts = sessionStarts;
        this.state = state;
        this.authorization = "Bot " + token;
        this.gatewayUrl = gatewayUrl;
        registerRoutes();
    }

    List<RecordedCall> calls() {
        return List.copyOf(calls);
    }

    List<String> refusedTunnels() {
        return List.copyOf(refusedTunnels);
    }

    void scriptFault(String method, String pathTemplate, RestFault fault, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        faults.add(new ScriptedFault(method.toUpperCase(Locale.ROOT), pathTemplate, fault, times));
    }

    void resetRecordings() {
        calls.clear();
        refusedTunnels.clear();
        faults.clear();
    }

    void globalRateLimit(int limit, Duration window) {
        this.globalLimit = limit;
        this.globalWindow = window;
    }

    void latency(Duration min, Duration max) {
        this.latencyMinNanos = min.toNanos();
        this.latencyMaxNanos = Math.max(min.toNanos(), max.toNanos());
    }

    private void networkDelay() {
        long min = latencyMinNanos;
        long max = latencyMaxNanos;
        if (max <= 0) {
            return;
        }
        long delay = min + (max > min ? java.util.concurrent.ThreadLocalRandom.current().nextLong(max - min) : 0);
        sleep(Duration.ofNanos(delay));
    }

    /** The same limit on every route (drops the per-route limits). */
    void rateLimit(int limit, Duration window) {
        RouteLimit every = new RouteLimit(limit, window);
        routeLimits.clear();
        this.defaultRouteLimit = every;
        buckets.clear();
    }

    /** The limit of one route, for example {@code POST /channels/{channel}/messages}; its buckets start afresh. */
    void routeRateLimit(String method, String template, int limit, Duration window) {
        String key = method.toUpperCase(Locale.ROOT) + " " + template;
        if (routes.stream().noneMatch(r -> r.key().equals(key))) {
            throw new IllegalArgumentException("no route " + key);
        }
        routeLimits.put(key, new RouteLimit(limit, window));
        buckets.clear();
    }

    /** Every connection starts with CONNECT; after answering it the server switches the socket to TLS. */
    @Override
    public MockResponse peek() {
        return new MockResponse().setSocketPolicy(SocketPolicy.UPGRADE_TO_SSL_AT_END);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        long received = System.nanoTime();
        if ("CONNECT".equals(request.getMethod())) {
            return tunnel(request);
        }
        String fullPath = request.getRequestUrl() == null ? "" : request.getRequestUrl().encodedPath();
        String query = request.getRequestUrl() == null ? null : request.getRequestUrl().encodedQuery();
        byte[] raw = request.getBody().readByteArray();
        String body;
        List<RecordedCall.FilePart> files = List.of();
        Multipart multipart = Multipart.parse(request.getHeader("Content-Type"), raw);
        if (multipart != null) {
            body = multipart.payloadJson;
            files = multipart.files;
        } else {
            body = new String(raw, StandardCharsets.UTF_8);
        }
        String path = fullPath.startsWith(API_PREFIX) ? fullPath.substring(API_PREFIX.length()) : fullPath;
        networkDelay();

        Answer answer;
        try {
            answer = answer(request.getMethod(), path, fullPath.startsWith(API_PREFIX), request.getHeaders(), body,
                    files, received);
        } catch (RuntimeException e) {
            answer = Answer.error(500, 0, "stand-in failure: " + e);
        }
        calls.add(new RecordedCall(request.getMethod(), path, query, headersOf(request.getHeaders()), body,
                answer.status, received, files));
        return answer.toResponse();
    }

    private MockResponse tunnel(RecordedRequest request) {
        // RecordedRequest.getPath() turns an authority-form target into "/", so read the request line.
        String[] requestLine = request.getRequestLine().split(" ");
        String target = requestLine.length > 1 ? requestLine[1] : "";
        if ("discord.com:443".equals(target)) {
            return new MockResponse().setSocketPolicy(SocketPolicy.UPGRADE_TO_SSL_AT_END).clearHeaders();
        }
        // Anything but discord.com stays on this machine and is refused.
        refusedTunnels.add(target);
        return new MockResponse().setResponseCode(403).setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
    }

    private Answer answer(String method, String path, boolean underApi, Headers headers, String body,
                          List<RecordedCall.FilePart> files, long received) {
        if (!underApi) {
            return Answer.error(404, 0, "404: Not Found");
        }
        for (ScriptedFault scripted : faults) {
            if (scripted.matches(method, path) && scripted.take()) {
                if (scripted.fault instanceof RestFault.Stall stall) {
                    sleep(stall.delay());
                    break;
                }
                return Answer.fault(scripted.fault);
            }
        }
        for (Route route : routes) {
            Matcher matcher = route.match(method, path);
            if (matcher == null) {
                continue;
            }
            if (route.authenticated && !authorization.equals(headers.get("Authorization"))) {
                return Answer.error(401, 0, "401: Unauthorized");
            }
            if (route.authenticated) {
                Answer globallyLimited = global.take(globalLimit, globalWindow, true);
                if (globallyLimited != null) {
                    return globallyLimited;
                }
            }
            RouteLimit routeLimit = routeLimits.getOrDefault(route.key(), defaultRouteLimit);
            // the bucket's hash names the route alone; the top-level resource keeps the counts apart
            String hash = Integer.toHexString(route.key().hashCode());
            Bucket bucket = buckets.computeIfAbsent(route.key() + " " + route.topLevelResource(matcher),
                    k -> new Bucket(hash));
            Answer limited = bucket.take(routeLimit.limit(), routeLimit.window());
            if (limited != null) {
                return limited;
            }
            JsonNode json = body.isBlank() ? Payloads.JSON.createObjectNode() : Payloads.parse(body);
            if (!files.isEmpty()) {
                if (!route.acceptsFiles) {
                    return Answer.error(400, 50035, "Invalid Form Body: files are not accepted on this route");
                }
                json = withAttachments(json, files);
                if (json == null) {
                    return Answer.error(400, 50035, "Invalid Form Body: attachments do not match the files");
                }
            }
            Answer answer = route.handler.apply(matcher, new Call(json, received));
            return answer.withRateLimit(bucket.headers(routeLimit.limit()));
        }
        return Answer.error(404, 0, "404: Not Found");
    }

    private void registerRoutes() {
        route("GET", "/gateway", false, (m, c) -> Answer.ok(Payloads.object().put("url", gatewayUrl.get())));
        route("GET", "/gateway/bot", true, (m, c) -> {
            ObjectNode node = Payloads.object().put("url", gatewayUrl.get()).put("shards", 1);
            node.putObject("session_start_limit").put("total", 1000)
                    .put("remaining", Math.max(0, 1000 - sessionStarts.getAsInt()))
                    .put("reset_after", 86_400_000).put("max_concurrency", 1);
            return Answer.ok(node);
        });
        route("GET", "/oauth2/applications/@me", true, (m, c) -> Answer.ok(application()));
        route("GET", "/users/@me", true, (m, c) -> Answer.ok(Payloads.user(state.guild.bot())));
        route("GET", "/users/{id}", true, (m, c) -> state.user(Long.parseLong(m.group(1)))
                .map(u -> Answer.ok(Payloads.user(u))).orElseGet(() -> Answer.error(404, 10013, "Unknown User")));
        route("PUT", "/applications/{app}/commands", true, (m, c) -> overwriteCommands(m.group(1), null, c.json));
        route("GET", "/applications/{app}/commands", true, (m, c) -> Answer.ok(state.commands(null)));
        route("PUT", "/applications/{app}/guilds/{guild}/commands", true,
                (m, c) -> overwriteCommands(m.group(1), m.group(2), c.json));
        route("GET", "/applications/{app}/guilds/{guild}/commands", true,
                (m, c) -> Answer.ok(state.commands(Long.parseLong(m.group(2)))));
        route("POST", "/interactions/{id}/{token}/callback", false,
                (m, c) -> callback(Long.parseLong(m.group(1)), m.group(2), c));
        route("POST", "/webhooks/{app}/{token}", false, (m, c) -> followup(m.group(1), m.group(2), c.json));
        route("GET", "/webhooks/{app}/{token}/messages/{message}", false,
                (m, c) -> webhookMessage(m.group(1), m.group(2), m.group(3), "GET", c.json));
        route("PATCH", "/webhooks/{app}/{token}/messages/{message}", false,
                (m, c) -> webhookMessage(m.group(1), m.group(2), m.group(3), "PATCH", c.json));
        route("DELETE", "/webhooks/{app}/{token}/messages/{message}", false,
                (m, c) -> webhookMessage(m.group(1), m.group(2), m.group(3), "DELETE", c.json));
        route("POST", "/users/@me/channels", true, (m, c) -> openDm(c.json));
        route("GET", "/channels/{channel}", true, (m, c) -> channel(Long.parseLong(m.group(1))));
        // resources/message, "Create Message": VIEW_CHANNEL and SEND_MESSAGES in a guild channel
        route("POST", "/channels/{channel}/messages", true, (m, c) -> {
            long channel = Long.parseLong(m.group(1));
            if (!state.isKnownChannel(channel)) {
                return Answer.error(404, 10003, "Unknown Channel");
            }
            if (!state.botMay(channel, LoopbackGuild.VIEW_CHANNEL)) {
                return Answer.error(403, 50001, "Missing Access");
            }
            if (!state.botMay(channel, LoopbackGuild.SEND_MESSAGES)) {
                return Answer.error(403, 50013, "Missing Permissions");
            }
            return Answer.ok(state.createMessage(channel, c.json, null));
        });
        // the channel's latest messages, newest first (the bot always asks for limit=100, Discord's maximum);
        // resources/message, "Get Channel Messages": VIEW_CHANNEL required, and without READ_MESSAGE_HISTORY
        // no messages are returned
        route("GET", "/channels/{channel}/messages", true, (m, c) -> {
            long channel = Long.parseLong(m.group(1));
            if (!state.isKnownChannel(channel)) {
                return Answer.error(404, 10003, "Unknown Channel");
            }
            if (!state.botMay(channel, LoopbackGuild.VIEW_CHANNEL)) {
                return Answer.error(403, 50001, "Missing Access");
            }
            if (!state.botMay(channel, LoopbackGuild.READ_MESSAGE_HISTORY)) {
                return Answer.ok(Payloads.JSON.createArrayNode());
            }
            List<ObjectNode> messages = new ArrayList<>(state.messagesIn(channel));
            Collections.reverse(messages);
            ArrayNode page = Payloads.JSON.createArrayNode();
            // an ephemeral message (flags 1 << 6) is seen only by its user, never listed in the channel
            // (resources/message, "Message Flags": EPHEMERAL)
            messages.stream().filter(msg -> (msg.path("flags").asInt(0) & 64) == 0).limit(100).forEach(page::add);
            return Answer.ok(page);
        });
        route("GET", "/channels/{channel}/messages/{message}", true,
                (m, c) -> channelMessage(m.group(1), m.group(2), "GET", c.json));
        route("PATCH", "/channels/{channel}/messages/{message}", true,
                (m, c) -> channelMessage(m.group(1), m.group(2), "PATCH", c.json));
        route("DELETE", "/channels/{channel}/messages/{message}", true,
                (m, c) -> channelMessage(m.group(1), m.group(2), "DELETE", c.json));
    }

    private void route(String method, String template, boolean authenticated,
                       BiFunction<Matcher, Call, Answer> handler) {
        // Discord's "Uploading Files" (Reference): multipart is accepted on message create and edit routes
        boolean acceptsFiles = ("POST".equals(method) && "/webhooks/{app}/{token}".equals(template))
                || ("POST".equals(method) && "/channels/{channel}/messages".equals(template))
                || ("PATCH".equals(method) && "/webhooks/{app}/{token}/messages/{message}".equals(template));
        routes.add(new Route(method, template, authenticated, handler, acceptsFiles));
    }

    /**
     * Like Discord: each {@code attachments} entry of {@code payload_json} names a {@code files[id]} part; the stored
     * message gets attachment objects (snowflake id, file name, size, content type, a CDN-style URL). Null when an
     * entry names no file.
     */
    private JsonNode withAttachments(JsonNode json, List<RecordedCall.FilePart> files) {
        ObjectNode message = json.isObject() ? ((ObjectNode) json).deepCopy() : Payloads.object();
        ArrayNode attachments = Payloads.JSON.createArrayNode();
        for (JsonNode requested : message.path("attachments")) {
            String name = "files[" + requested.path("id").asText() + "]";
            RecordedCall.FilePart file = files.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
            if (file == null) {
                return null;
            }
            String id = Long.toUnsignedString(state.ids.next());
            String filename = requested.path("filename").asText(file.filename());
            attachments.addObject().put("id", id).put("filename", filename).put("size", file.content().length)
                    .put("content_type", file.contentType())
                    .put("url", "https://cdn.discordapp.com/attachments/0/" + id + "/" + filename);
        }
        message.set("attachments", attachments);
        return message;
    }

    private ObjectNode application() {
        ObjectNode node = Payloads.object()
                .put("id", Long.toUnsignedString(state.applicationId))
                .put("name", "Discovery Triage (loopback)")
                .put("description", "Stand-in application")
                .put("bot_public", false)
                .put("bot_require_code_grant", false)
                .put("verify_key", "0".repeat(64))
                .put("flags", 0);
        node.putNull("icon");
        node.putNull("team");
        node.set("owner", Payloads.user(state.guild.consultant()));
        node.set("bot", Payloads.user(state.guild.bot()));
        return node;
    }

    private Answer overwriteCommands(String app, String guild, JsonNode body) {
        if (!Long.toUnsignedString(state.applicationId).equals(app)) {
            return Answer.error(403, 50001, "Missing Access");
        }
        if (!body.isArray()) {
            return Answer.error(400, 50035, "Invalid Form Body");
        }
        Long guildId = guild == null ? null : Long.parseLong(guild);
        if (guildId != null && guildId != state.guild.id()) {
            return Answer.error(403, 50001, "Missing Access");
        }
        return Answer.ok(state.overwriteCommands(guildId, body));
    }

    private Answer callback(long interactionId, String token, Call call) {
        InteractionRecord record = state.interactions.get(interactionId);
        if (record == null || !record.interaction.token().equals(token)) {
            return Answer.error(404, 10062, "Unknown interaction");
        }
        synchronized (record) {
            if (record.firstCallbackNanos < 0) {
                record.firstCallbackNanos = call.receivedNanos;
            }
            if (callbackDeadlineEnforced && record.dispatchNanos >= 0
                    && call.receivedNanos - record.dispatchNanos > CALLBACK_DEADLINE.toNanos()) {
                return Answer.error(404, 10062, "Unknown interaction");
            }
            if (record.acknowledged) {
                return Answer.error(400, 40060, "Interaction has already been acknowledged.");
            }
            int type = call.json.path("type").asInt(-1);
            JsonNode data = call.json.path("data");
            // interactions/receiving-and-responding, "Interaction Callback Type": which answer fits which interaction
            int interactionType = record.payload().path("type").asInt();
            if (!callbackTypeAllowed(interactionType, type, record.componentMessageId != null)) {
                return Answer.error(400, 50035, "Invalid Form Body: callback type " + type
                        + " is not valid for interaction type " + interactionType);
            }
            switch (type) {
                case 1, 8, 9 -> { }
                case 4 -> record.originalMessageId = state.createMessage(record.channelId, data,
                        state.applicationId).get("id").asLong();
                case 5 -> {
                    ObjectNode thinking = Payloads.object().put("content", "")
                            .put("flags", (data.path("flags").asInt(0)) | (1 << 7));
                    record.originalMessageId =
                            state.createMessage(record.channelId, thinking, state.applicationId).get("id").asLong();
                }
                case 6, 7 -> {
                    record.originalMessageId = record.componentMessageId;
                    if (type == 7 && state.message(record.componentMessageId).isPresent()) {
                        state.editMessage(record.componentMessageId, data);
                    }
                }
                default -> {
                    return Answer.error(400, 50035, "Invalid Form Body");
                }
            }
            record.acknowledged = true;
            record.callbackType = type;
            return Answer.noContent();
        }
    }

    /**
     * interactions/receiving-and-responding, "Interaction Callback Type": PING takes PONG (1); a command takes a
     * message (4), a deferred message (5) or a modal (9); a component also an update (6, 7); a modal submit cannot
     * open another modal, and may update (6, 7) only when it came from a component on a message; autocomplete takes 8.
     */
    static boolean callbackTypeAllowed(int interactionType, int callbackType, boolean onMessage) {
        return switch (interactionType) {
            case 1 -> callbackType == 1;
            case 2 -> callbackType == 4 || callbackType == 5 || callbackType == 9;
            case 3 -> callbackType == 4 || callbackType == 5 || callbackType == 6 || callbackType == 7
                    || callbackType == 9;
            case 4 -> callbackType == 8;
            case 5 -> callbackType == 4 || callbackType == 5 || ((callbackType == 6 || callbackType == 7) && onMessage);
            default -> false;
        };
    }

    private InteractionRecord webhookInteraction(String app, String token) {
        if (!Long.toUnsignedString(state.applicationId).equals(app)) {
            return null;
        }
        return state.interactionsByToken.get(token);
    }

    private Answer followup(String app, String token, JsonNode body) {
        InteractionRecord record = webhookInteraction(app, token);
        if (record == null || !record.acknowledged) {
            return Answer.error(404, 10015, "Unknown Webhook");
        }
        if (state.interactionTokensExpired || record.tokenExpired) {
            return Answer.error(401, 50027, "Invalid Webhook Token");
        }
        ObjectNode message = state.createMessage(record.channelId, body, state.applicationId);
        record.followupMessageIds.add(message.get("id").asLong());
        return Answer.ok(message);
    }

    private Answer webhookMessage(String app, String token, String messageRef, String method, JsonNode body) {
        InteractionRecord record = webhookInteraction(app, token);
        if (record == null) {
            return Answer.error(404, 10015, "Unknown Webhook");
        }
        if (state.interactionTokensExpired || record.tokenExpired) {
            return Answer.error(401, 50027, "Invalid Webhook Token");
        }
        Long messageId = "@original".equals(messageRef) ? record.originalMessageId : Long.valueOf(messageRef);
        boolean belongs = messageId != null
                && (messageId.equals(record.originalMessageId) || record.followupMessageIds.contains(messageId));
        if (!belongs || state.message(messageId).isEmpty()) {
            return Answer.error(404, 10008, "Unknown Message");
        }
        return messageOperation(messageId, method, body);
    }

    private Answer channelMessage(String channel, String message, String method, JsonNode body) {
        long channelId = Long.parseLong(channel);
        if (!state.isKnownChannel(channelId)) {
            return Answer.error(404, 10003, "Unknown Channel");
        }
        if (!state.botMay(channelId, LoopbackGuild.VIEW_CHANNEL)) {
            return Answer.error(403, 50001, "Missing Access");
        }
        // resources/message, "Get Channel Message": VIEW_CHANNEL and READ_MESSAGE_HISTORY in a guild channel
        if ("GET".equals(method) && !state.botMay(channelId, LoopbackGuild.READ_MESSAGE_HISTORY)) {
            return Answer.error(403, 50013, "Missing Permissions");
        }
        long messageId = Long.parseLong(message);
        boolean inChannel = state.message(messageId)
                .map(m -> m.get("channel_id").asLong() == channelId).orElse(false);
        if (!inChannel) {
            return Answer.error(404, 10008, "Unknown Message");
        }
        return messageOperation(messageId, method, body);
    }

    private Answer messageOperation(long messageId, String method, JsonNode body) {
        switch (method) {
            case "GET":
                return Answer.ok(state.message(messageId).orElseThrow().deepCopy());
            case "DELETE":
                state.deleteMessage(messageId);
                return Answer.noContent();
            default:
                ObjectNode edit = body.deepCopy();
                if (!edit.has("flags")) {
                    // A deferred response loses its "thinking" flag once edited.
                    int flags = state.message(messageId).orElseThrow().path("flags").asInt(0) & ~(1 << 7);
                    edit.put("flags", flags);
                }
                return Answer.ok(state.editMessage(messageId, edit));
        }
    }

    private Answer openDm(JsonNode body) {
        long recipient = body.path("recipient_id").asLong(-1);
        return state.user(recipient)
                .map(user -> Answer.ok(Payloads.dmChannel(state.dmChannelOf(user), user)))
                .orElseGet(() -> Answer.error(400, 50033, "Invalid Recipient(s)"));
    }

    private Answer channel(long channelId) {
        LoopbackGuild guild = state.guild;
        if (channelId == guild.publicChannelId() || channelId == guild.summaryChannelId()) {
            for (JsonNode channel : state.guildCreate().get("channels")) {
                if (channel.get("id").asLong() == channelId) {
                    return Answer.ok(channel);
                }
            }
        }
        for (LoopbackUser user : state.allUsers()) {
            if (state.isKnownChannel(channelId) && state.dmChannelOf(user) == channelId) {
                return Answer.ok(Payloads.dmChannel(channelId, user));
            }
        }
        return Answer.error(404, 10003, "Unknown Channel");
    }

    private static Map<String, List<String>> headersOf(Headers headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            List<String> values = "authorization".equals(lower)
                    ? List.of("<redacted>") : headers.values(name);
            result.put(lower, List.copyOf(values));
        }
        return result;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String httpDate() {
        return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
    }

    private record Call(JsonNode json, long receivedNanos) {
    }

    /** A {@code multipart/form-data} body as Discord takes it: {@code payload_json} and {@code files[n]} parts. */
    private record Multipart(String payloadJson, List<RecordedCall.FilePart> files) {

        /** Null when the body is not multipart. */
        static Multipart parse(String contentType, byte[] body) {
            if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
                return null;
            }
            Matcher b = java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
            if (!b.find()) {
                return new Multipart("", List.of());
            }
            // ISO-8859-1 maps each byte to one char, so part contents come back byte for byte
            String text = new String(body, StandardCharsets.ISO_8859_1);
            String delimiter = "--" + b.group(1);
            String payload = "";
            List<RecordedCall.FilePart> files = new ArrayList<>();
            for (String part : text.split(java.util.regex.Pattern.quote(delimiter))) {
                if (part.startsWith("--") || part.isBlank()) {
                    continue;
                }
                String content = part.startsWith("\r\n") ? part.substring(2) : part;
                int headerEnd = content.indexOf("\r\n\r\n");
                if (headerEnd < 0) {
                    continue;
                }
                String headers = content.substring(0, headerEnd);
                String value = content.substring(headerEnd + 4);
                if (value.endsWith("\r\n")) {
                    value = value.substring(0, value.length() - 2);
                }
                byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
                String name = header(headers, "name");
                String partType = "application/octet-stream";
                for (String line : headers.split("\r\n")) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                        partType = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                if ("payload_json".equals(name)) {
                    payload = new String(bytes, StandardCharsets.UTF_8);
                } else if (name != null) {
                    files.add(new RecordedCall.FilePart(name, header(headers, "filename"), partType, bytes));
                }
            }
            return new Multipart(payload, files);
        }

        private static String header(String headers, String parameter) {
            Matcher m = java.util.regex.Pattern.compile("[; ]" + parameter + "=\"([^\"]*)\"").matcher(headers);
            return m.find() ? m.group(1) : null;
        }
    }

    /** {@code limit} requests per {@code window} in one bucket. */
    record RouteLimit(int limit, Duration window) {
        RouteLimit {
            if (limit < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("limit >= 1 and a positive window are required");
            }
        }
    }

    private record Route(String method, String template, boolean authenticated,
                         BiFunction<Matcher, Call, Answer> handler, boolean acceptsFiles) {
        String key() {
            return method + " " + template;
        }

        /**
         * topics/rate-limits, "Per-route rate limits": the top-level resources are channels, guilds and webhooks
         * (id, or id and token). An interaction's callback is keyed on the interaction and its token.
         */
        String topLevelResource(Matcher matcher) {
            List<String> names = new ArrayList<>();
            Matcher placeholder = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(template);
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
            if (template.startsWith("/channels/{channel}")) {
                return "channel:" + matcher.group(names.indexOf("channel") + 1);
            }
            if (names.contains("guild")) {
                return "guild:" + matcher.group(names.indexOf("guild") + 1);
            }
            if (template.startsWith("/webhooks/{app}/{token}")) {
                return "webhook:" + matcher.group(1) + "/" + matcher.group(2);
            }
            if (template.startsWith("/interactions/{id}/{token}")) {
                return "interaction:" + matcher.group(1) + "/" + matcher.group(2);
            }
            return "";
        }

        Matcher match(String requestMethod, String path) {
            if (!method.equals(requestMethod)) {
                return null;
            }
            Matcher matcher = PathTemplate.compile(template).matcher(path);
            return matcher.matches() ? matcher : null;
        }
    }

    private static final class ScriptedFault {
        final String method;
        final String template;
        final RestFault fault;
        private int remaining;

        ScriptedFault(String method, String template, RestFault fault, int times) {
            this.method = method;
            this.template = template;
            this.fault = fault;
            this.remaining = times;
        }

        boolean matches(String requestMethod, String path) {
            return method.equals(requestMethod) && PathTemplate.compile(template).matcher(path).matches();
        }

        synchronized boolean take() {
            if (remaining == 0) {
                return false;
            }
            remaining--;
            return true;
        }
    }

    /** A fixed-window bucket: {@code limit} requests per {@code window}. */
    private static final class Bucket {
        private final String hash;
        private long windowStartNanos = System.nanoTime();
        private long windowEndMillis;
        private int used;

        Bucket(String hash) {
            this.hash = hash;
        }

        synchronized Answer take(int limit, Duration window) {
            return take(limit, window, false);
        }

        synchronized Answer take(int limit, Duration window, boolean isGlobal) {
            long now = System.nanoTime();
            if (now - windowStartNanos >= window.toNanos() || windowEndMillis == 0) {
                windowStartNanos = now;
                windowEndMillis = System.currentTimeMillis() + window.toMillis();
                used = 0;
            }
            if (used >= limit) {
                double retryAfter = Math.max(0.001, (windowEndMillis - System.currentTimeMillis()) / 1000.0);
                return isGlobal ? Answer.rateLimited(retryAfter, true)
                        : Answer.rateLimited(retryAfter, false).withRateLimit(headers(limit));
            }
            used++;
            return null;
        }

        synchronized Map<String, String> headers(int limit) {
            double resetAfter = Math.max(0, (windowEndMillis - System.currentTimeMillis()) / 1000.0);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("X-RateLimit-Limit", Integer.toString(limit));
            headers.put("X-RateLimit-Remaining", Integer.toString(Math.max(0, limit - used)));
            headers.put("X-RateLimit-Reset", String.format(Locale.ROOT, "%.3f", windowEndMillis / 1000.0));
            headers.put("X-RateLimit-Reset-After", String.format(Locale.ROOT, "%.3f", resetAfter));
            headers.put("X-RateLimit-Bucket", hash);
            return headers;
        }
    }

    /** An HTTP answer in Discord's style. */
    private static final class Answer {
        final int status;
        final JsonNode body;
        final Map<String, String> headers = new LinkedHashMap<>();

        private Answer(int status, JsonNode body) {
            this.status = status;
            this.body = body;
        }

        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }

        static Answer noContent() {
            return new Answer(204, null);
        }

        static Answer error(int status, int code, String message) {
            return new Answer(status, Payloads.object().put("message", message).put("code", code));
        }

        /**
         * Discord's 429 carries {@code Via}; Javacord 3.8 treats a 429 without it as a Cloudflare ban and reads
         * only the {@code Retry-After} header.
         */
        static Answer rateLimited(double retryAfterSeconds, boolean global) {
            Answer answer = new Answer(429, Payloads.object()
                    .put("message", "You are being rate limited.")
                    .put("retry_after", retryAfterSeconds)
                    .put("global", global));
            answer.headers.put("Retry-After", Long.toString((long) Math.ceil(retryAfterSeconds)));
            answer.headers.put("X-RateLimit-Scope", global ? "global" : "user");
            if (global) {
                answer.headers.put("X-RateLimit-Global", "true");
            }
            return answer;
        }

        static Answer fault(RestFault fault) {
            if (fault instanceof RestFault.RateLimited limited) {
                return rateLimited(limited.retryAfter().toMillis() / 1000.0, limited.global());
            }
            RestFault.Error error = (RestFault.Error) fault;
            return error(error.status(), error.code(), error.message());
        }

        Answer withRateLimit(Map<String, String> rateLimitHeaders) {
            rateLimitHeaders.forEach(headers::putIfAbsent);
            return this;
        }

        MockResponse toResponse() {
            MockResponse response = new MockResponse().setResponseCode(status)
                    .setHeader("Date", httpDate())
                    .setHeader("Via", "1.1 google");
            headers.forEach(response::setHeader);
            if (body != null) {
                response.setHeader("Content-Type", "application/json").setBody(body.toString());
            }
            return response;
        }
    }
}
