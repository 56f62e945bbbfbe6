package com.discoverytriage.instances;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The REST side of Discord that an instance without a gateway talks to, on plain HTTP on 127.0.0.1 (the
 * application's {@code triage.discord.callbacks.api-base} points here): {@code @original} edits and followups of
 * interaction tokens, late callbacks, channel messages (the cards), DM channels, the application and command
 * registration. Every request is recorded; messages are kept so tests can read what a user would see.
 */
final class FakeDiscordApi implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ORIGINAL = Pattern.compile("/webhooks/(\\d+)/([^/]+)/messages/@original");
    private static final Pattern FOLLOWUP = Pattern.compile("/webhooks/(\\d+)/([^/]+)");
    private static final Pattern CALLBACK = Pattern.compile("/interactions/(\\d+)/([^/]+)/callback");
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile("/channels/(\\d+)/messages");
    private static final Pattern CHANNEL_MESSAGE = Pattern.compile("/channels/(\\d+)/messages/(\\d+)");
    private static final Pattern COMMANDS = Pattern.compile("/applications/(\\d+)(/guilds/\\d+)?/commands");

    /** One request; {@code instance} is the name in the base path it came through ({@link #apiBase(String)}), or "". */
    record Call(String method, String path, JsonNode body, long atNanos, String instance) {
    }

    record Message(long id, long channelId, ObjectNode body) {
    }

    final long applicationId;
    private final HttpServer server;
    private final AtomicLong ids = new AtomicLong(1_300_000_000_000_000_000L);
    final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The latest {@code @original} content per interaction token. */
    final Map<String, ObjectNode> originals = new ConcurrentHashMap<>();
    final Map<String, List<ObjectNode>> followups = new ConcurrentHashMap<>();
    final Map<Long, Message> messages = new ConcurrentHashMap<>();
    final Map<String, Long> nonces = new ConcurrentHashMap<>();
    final Map<Long, Long> dmChannels = new ConcurrentHashMap<>();
    /** The instance whose next card write is taken in and then never answered (see {@link #holdNextCardWriteFrom}). */
    private volatile String holdCardWriteOf;
    private final java.util.concurrent.CountDownLatch cardWriteHeld = new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch releaseHeld = new java.util.concurrent.CountDownLatch(1);
    private volatile Call heldCardWrite;

    FakeDiscordApi(long applicationId) {
        this.applicationId = applicationId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(16, r -> {
            Thread t = new Thread(r, "fake-discord");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/api", this::handle);
        server.start();
    }

    String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
    }

    /** The same API under a base path naming the instance that uses it, so each request says who sent it. */
    String apiBase(String instance) {
        return apiBase() + "/as/" + instance;
    }

    /**
     * The next write of a card (a post or an edit in the summary channel) from {@code instance} is applied, as
     * Discord would apply it, and then never answered: that instance's delivery thread waits there, holding its
     * outbox claim on the card, until it is killed.
     */
    void holdNextCardWriteFrom(String instance, long summaryChannel) {
        this.holdChannel = summaryChannel;
        this.holdCardWriteOf = instance;
    }

    private volatile long holdChannel;

    /** Waits until a card write is held; the held request, or empty when none came within {@code timeout}. */
    Optional<Call> awaitHeldCardWrite(java.time.Duration timeout) throws InterruptedException {
        return cardWriteHeld.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                ? Optional.of(heldCardWrite) : Optional.empty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/api".length());
            String instance = "";
            if (path.startsWith("/as/")) {
                int end = path.indexOf('/', "/as/".length());
                instance = path.substring("/as/".length(), end);
                path = path.substring(end);
            }
            String method = exchange.getRequestMethod();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = raw.length == 0 || type == null || !type.startsWith("application/json")
                    ? JSON.createObjectNode() : JSON.readTree(raw);
            Call call = new Call(method, path, body, System.nanoTime(), instance);
            calls.add(call);
            JsonNode answer = body instanceof ObjectNode object ? route(method, path, object)
                    : route(method, path, JSON.createObjectNode());
            if (instance.equals(holdCardWriteOf) && isCardWrite(call)) {
                holdCardWriteOf = null;
                heldCardWrite = call;
                cardWriteHeld.countDown();
                try {
                    releaseHeld.await(); // applied, never answered: the sender dies waiting
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] out = answer == null ? new byte[0] : answer.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            int status = answer == null ? 204 : answer.path("message").asText("").startsWith("404") ? 404 : 200;
            exchange.sendResponseHeaders(status, answer == null ? -1 : out.length);
            if (answer != null) {
                exchange.getResponseBody().write(out);
            }
        }
    }

    private boolean isCardWrite(Call call) {
        Matcher m = CHANNEL_MESSAGES.matcher(call.path());
        Matcher edit = CHANNEL_MESSAGE.matcher(call.path());
        return (call.method().equals("POST") && m.matches() && Long.parseLong(m.group(1)) == holdChannel)
                || (call.method().equals("PATCH") && edit.matches() && Long.parseLong(edit.group(1)) == holdChannel);
    }

    private JsonNode route(String method, String path, ObjectNode body) {
        Matcher m;
        if ((m = ORIGINAL.matcher(path)).matches() && method.equals("PATCH")) {
            originals.merge(m.group(2), body, (old, edit) -> {
                ObjectNode merged = old.deepCopy();
                merged.setAll(edit);
                return merged;
            });
            return originals.get(m.group(2));
        }
        if ((m = FOLLOWUP.matcher(path)).matches() && method.equals("POST")) {
            followups.computeIfAbsent(m.group(2), k -> new CopyOnWriteArrayList<>()).add(body);
            return body;
        }
        if (CALLBACK.matcher(path).matches()) {
            return null;
        }
        if ((m = CHANNEL_MESSAGE.matcher(path)).matches() && method.equals("PATCH")) {
            Message old = messages.get(Long.parseLong(m.group(2)));
            ObjectNode merged = old.body().deepCopy();
            merged.setAll(body);
            messages.put(old.id(), new Message(old.id(), old.channelId(), merged));
            return merged;
        }
        if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("POST")) {
            long channel = Long.parseLong(m.group(1));
            String nonce = body.path("nonce").asText(null);
            if (nonce != null && body.path("enforce_nonce").asBoolean()) {
                Long existing = nonces.get(channel + ":" + nonce);
                if (existing != null) {
                    return messages.get(existing).body();
                }
            }
            long id = ids.incrementAndGet();
            body.put("id", Long.toString(id));
            body.putObject("author").put("id", Long.toString(applicationId));
            messages.put(id, new Message(id, channel, body));
            if (nonce != null) {
                nonces.put(channel + ":" + nonce, id);
            }
            return body;
        }
        if ((m = CHANNEL_MESSAGES.matcher(path)).matches() && method.equals("GET")) {
            long channel = Long.parseLong(m.group(1));
            ArrayNode list = JSON.createArrayNode();
            messages.values().stream().filter(x -> x.channelId() == channel).forEach(x -> list.add(x.body()));
            return list;
        }
        if (path.equals("/users/@me/channels") && method.equals("POST")) {
            long user = Long.parseLong(body.path("recipient_id").asText());
            long channel = dmChannels.computeIfAbsent(user, u -> ids.incrementAndGet());
            return JSON.createObjectNode().put("id", Long.toString(channel)).put("type", 1);
        }
        if (path.equals("/oauth2/applications/@me")) {
            return JSON.createObjectNode().put("id", Long.toString(applicationId));
        }
        if (COMMANDS.matcher(path).matches()) {
            return JSON.createArrayNode();
        }
        return JSON.createObjectNode().put("message", "404: Not Found").put("code", 0);
    }

    /** The latest version of every message in a channel. */
    List<Message> messagesIn(long channelId) {
        List<Message> list = new ArrayList<>();
        messages.values().stream().filter(x -> x.channelId() == channelId).forEach(list::add);
        return list;
    }

    /** DMs to a user, in order of their ids. */
    List<Message> dmsTo(long userId) {
        Long channel = dmChannels.get(userId);
        if (channel == null) {
            return List.of();
        }
        return messagesIn(channel).stream().sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
    }

    Optional<ObjectNode> original(String token) {
        return Optional.ofNullable(originals.get(token));
    }

    long count(String method, String pathPattern) {
        Pattern p = Pattern.compile(pathPattern);
        return calls.stream().filter(c -> c.method().equals(method) && p.matcher(c.path()).matches()).count();
    }

    @Override
    public void close() {
        releaseHeld.countDown();
        server.stop(0);
    }
}
