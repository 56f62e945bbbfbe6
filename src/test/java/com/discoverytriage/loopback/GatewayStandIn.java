package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Discord's gateway over a plain websocket on loopback: HELLO, IDENTIFY to READY and GUILD_CREATE, heartbeat ACKs,
 * RESUME with replay of missed dispatches, and the server-side disruptions (close codes, op 7, op 9, silence).
 */
final class GatewayStandIn extends Dispatcher {

    private final String prefixedToken;
    private final Supplier<ObjectNode> readyData;
    private final Supplier<ObjectNode> guildCreateData;
    private final Supplier<String> resumeUrl;
    private final List<GatewayFrame> frames = new CopyOnWriteArrayList<>();
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger connectionCounter = new AtomicInteger();
    private volatile Session current;
    volatile int heartbeatIntervalMillis = 1000;
    /** topics/gateway, "Session Start Limit": IDENTIFYs allowed per day; past it the token stops working. */
    volatile int sessionStartLimit = 1000;
    private final AtomicInteger identifies = new AtomicInteger();
    private final List<String> connectionHosts = new CopyOnWriteArrayList<>();

    GatewayStandIn(String token, Supplier<ObjectNode> readyData, Supplier<ObjectNode> guildCreateData,
                   Supplier<String> resumeUrl) {
        this.prefixedToken = "Bot " + token;
        this.readyData = readyData;
        this.guildCreateData = guildCreateData;
        this.resumeUrl = resumeUrl;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            return new MockResponse().setResponseCode(404);
        }
        connectionHosts.add(String.valueOf(request.getHeader("Host")));
        return new MockResponse().withWebSocketUpgrade(new Connection(connectionCounter.incrementAndGet(),
                request.getRequestUrl() == null ? "" : String.valueOf(request.getRequestUrl().query())));
    }

    List<GatewayFrame> frames() {
        return List.copyOf(frames);
    }

    void resetRecordings() {
        frames.clear();
    }

    int identifyCount() {
        return identifies.get();
    }

    List<String> connectionHosts() {
        return List.copyOf(connectionHosts);
    }

    int connectionCount() {
        return connectionCounter.get();
    }

    List<String> connectionQueries() {
        List<String> queries = new ArrayList<>();
        connections.forEach(c -> queries.add(c.query));
        return queries;
    }

    /** Sends a dispatch in the current session; buffered for replay when no live connection carries it. */
    int dispatch(String type, JsonNode data) {
        Session session = current;
        if (session == null) {
            throw new IllegalStateException("no gateway session yet: log in before dispatching " + type);
        }
        return session.dispatch(type, data);
    }

    Session currentSession() {
        return current;
    }

    /** Closes the live connection with a close code (4000 = unknown error, resumable). */
    void close(int code, String reason) {
        detachLive().closeWith(code, reason);
    }

    /** Op 7: asks the client to reconnect and resume. */
    void requestReconnect() {
        Connection connection = detachLive();
        connection.send(Payloads.object().put("op", 7).putNull("d"));
    }

    /** Op 9: the session is gone; with {@code resumable} false the client must IDENTIFY again. */
    void invalidateSession(boolean resumable) {
        Session session = current;
        Connection connection = detachLive();
        if (!resumable && session != null) {
            sessions.remove(session.id);
        }
        connection.send(Payloads.object().put("op", 9).put("d", resumable));
    }

    /** The live connection stops answering heartbeats and delivering dispatches, but stays open (a zombie). */
    void silence() {
        Session session = current;
        Connection connection = session == null ? null : session.live;
        if (connection == null) {
            throw new IllegalStateException("no live gateway connection to silence");
        }
        connection.silent = true;
    }

    boolean isLiveConnectionSilent() {
        Session session = current;
        return session != null && session.live != null && session.live.silent;
    }

    void closeConnections() {
        for (Connection connection : connections) {
            connection.cancel();
        }
    }

    private Connection detachLive() {
        Session session = current;
        if (session == null || session.live == null) {
            throw new IllegalStateException("no live gateway connection");
        }
        synchronized (session) {
            Connection connection = session.live;
            session.live = null;
            return connection;
        }
    }

    private void record(GatewayFrame.Direction direction, int connection, JsonNode payload) {
        frames.add(new GatewayFrame(direction, connection, payload, System.nanoTime()));
    }

    /** A gateway session: its id, sequence numbers and every dispatch sent in it, for RESUME. */
    final class Session {
        final String id = UUID.randomUUID().toString().replace("-", "");
        private final List<ObjectNode> log = new ArrayList<>();
        private int seq;
        private Connection live;

        synchronized int dispatch(String type, JsonNode data) {
            ObjectNode frame = Payloads.object().put("op", 0).put("t", type).put("s", ++seq);
            frame.set("d", data);
            log.add(frame);
            if (live != null && !live.silent) {
                live.send(frame);
            }
            return seq;
        }

        synchronized int lastSequence() {
            return seq;
        }

        synchronized void attach(Connection connection, int resumeFrom) {
            live = connection;
            for (ObjectNode frame : log) {
                if (frame.get("s").asInt() > resumeFrom) {
                    connection.send(frame);
                }
            }
        }
    }

    /** One websocket connection from the client. */
    final class Connection extends WebSocketListener {
        final int number;
        final String query;
        volatile WebSocket socket;
        volatile boolean silent;

        Connection(int number, String query) {
            this.number = number;
            this.query = query;
            connections.add(this);
        }

        @Override
        public void onOpen(WebSocket webSocket, Response response) {
            socket = webSocket;
            ObjectNode hello = Payloads.object().put("op", 10).putNull("s").putNull("t");
            hello.putObject("d").put("heartbeat_interval", heartbeatIntervalMillis);
            send(hello);
        }

        @Override
        public void onMessage(WebSocket webSocket, String text) {
            JsonNode frame = Payloads.parse(text);
            record(GatewayFrame.Direction.FROM_CLIENT, number, frame);
            switch (frame.path("op").asInt(-1)) {
                case 1 -> {
                    if (!silent) {
                        send(Payloads.object().put("op", 11));
                    }
                }
                case 2 -> identify(frame.path("d"));
                case 6 -> resume(frame.path("d"));
                default -> { }
            }
        }

        @Override
        public void onClosing(WebSocket webSocket, int code, String reason) {
            record(GatewayFrame.Direction.FROM_CLIENT, number,
                    Payloads.object().put("close", code).put("reason", reason));
            webSocket.close(code, null);
            detachIfLive();
        }

        @Override
        public void onFailure(WebSocket webSocket, Throwable t, Response response) {
            detachIfLive();
        }

        private void detachIfLive() {
            Session session = current;
            if (session != null) {
                synchronized (session) {
                    if (session.live == this) {
                        session.live = null;
                    }
                }
            }
        }

        private void identify(JsonNode data) {
            if (!prefixedToken.equals(data.path("token").asText())
                    || identifies.incrementAndGet() > sessionStartLimit) {
                closeWith(4004, "Authentication failed.");
                return;
            }
            Session session = new Session();
            sessions.put(session.id, session);
            current = session;
            synchronized (session) {
                session.live = this;
                ObjectNode ready = readyData.get();
                ready.put("session_id", session.id);
                ready.put("resume_gateway_url", resumeUrl.get());
                session.dispatch("READY", ready);
                session.dispatch("GUILD_CREATE", guildCreateData.get());
            }
        }

        private void resume(JsonNode data) {
            Session session = sessions.get(data.path("session_id").asText());
            if (session == null || !prefixedToken.equals(data.path("token").asText())) {
                send(Payloads.object().put("op", 9).put("d", false));
                return;
            }
            current = session;
            synchronized (session) {
                session.attach(this, data.path("seq").asInt(0));
                session.dispatch("RESUMED", Payloads.object());
            }
        }

        void send(JsonNode frame) {
            record(GatewayFrame.Direction.TO_CLIENT, number, frame);
            socket.send(frame.toString());
        }

        void closeWith(int code, String reason) {
            record(GatewayFrame.Direction.TO_CLIENT, number,
                    Payloads.object().put("close", code).put("reason", reason));
            socket.close(code, reason);
        }

        /** Server-side sockets of MockWebServer cannot be cancelled; a going-away close ends them. */
        void cancel() {
            WebSocket webSocket = socket;
            if (webSocket != null) {
                try {
                    webSocket.close(1001, "stand-in stopping");
                } catch (RuntimeException alreadyClosed) {
                    // nothing left to end
                }
            }
        }
    }
}
