package com.discoverytriage.discord.gateway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.javacord.api.DiscordApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices a silent ("zombie") gateway connection and forces a reconnect. Discord's rule (topics/gateway, "Sending
 * Heartbeats"): a heartbeat not acknowledged by the time the next one is due means a failed or zombied connection;
 * the client should close it and resume. The watchdog learns the heartbeat interval from the times Javacord sends
 * heartbeats, and drops the connection once a heartbeat has gone unacknowledged for longer than that interval (plus
 * one check period). As a fallback (no heartbeat state readable) it drops a connection whose latency has not changed
 * for {@code silence}. Javacord 3.8 keeps such a connection open
 * forever: its heart skips a beat when the previous heartbeat was not acknowledged, and the close call is commented
 * out, so no event arrives any more. Each acknowledged heartbeat changes {@link DiscordApi#getLatestGatewayLatency()}
 * (measured in nanoseconds); when it has not changed for {@code silence}, the watchdog closes the TCP socket under
 * Javacord's websocket. Javacord then sees the connection lost, reconnects and RESUMEs, and Discord replays the
 * events it missed. ({@code disconnect()} and a new login would IDENTIFY again and lose those events.)
 */
public final class GatewayWatchdog {

    private static final Logger log = LoggerFactory.getLogger(GatewayWatchdog.class);

    /** What the watchdog needs from the client: the latest latency, and a way to drop the connection. */
    interface Gateway {
        Duration latestLatency();

        /** Closes the connection's socket; false when there was no open one. */
        boolean drop();

        /** When the last heartbeat was sent (System.nanoTime), or -1 when unknown. */
        default long lastHeartbeatSentNanos() {
            return -1;
        }

        /** Whether the last heartbeat sent has been acknowledged. */
        default boolean heartbeatAcknowledged() {
            return true;
        }
    }

    private final WatchdogProperties properties;
    private final LongSupplier nanoTime;
    private Duration lastLatency;
    private long lastProgressNanos;
    private int reconnects;
    private long lastBeatNanos = -1;
    private long beatIntervalNanos = -1;
    private ScheduledExecutorService scheduler;

    public GatewayWatchdog(WatchdogProperties properties) {
        this(properties, System::nanoTime);
    }

    GatewayWatchdog(WatchdogProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
        this.lastProgressNanos = nanoTime.getAsLong();
    }

    /** Starts watching {@code api} on a daemon thread (when enabled). */
    public synchronized void watch(DiscordApi api) {
        if (!properties.enabled() || scheduler != null) {
            return;
        }
        Gateway gateway = javacord(api);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-watchdog");
            t.setDaemon(true);
            return t;
        });
        long every = properties.checkEvery().toMillis();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                check(gateway);
            } catch (RuntimeException e) {
                log.warn("gateway watchdog check failed: {}", e.getClass().getSimpleName());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    /** Forced reconnects so far. */
    public synchronized int reconnects() {
        return reconnects;
    }

    /** One look: answers true when it dropped the connection. */
    synchronized boolean check(Gateway gateway) {
        long now = nanoTime.getAsLong();
        long beat = gateway.lastHeartbeatSentNanos();
        if (beat >= 0 && beat != lastBeatNanos) {
            if (lastBeatNanos >= 0 && beat > lastBeatNanos) {
                beatIntervalNanos = beat - lastBeatNanos;
            }
            lastBeatNanos = beat;
        }
        if (beat >= 0 && beatIntervalNanos > 0 && !gateway.heartbeatAcknowledged()
                && now - beat > beatIntervalNanos + properties.checkEvery().toNanos()) {
            lastBeatNanos = -1;
            beatIntervalNanos = -1;
            lastProgressNanos = now;
            if (!gateway.drop()) {
                return false;
            }
            reconnects++;
            log.warn("Discord gateway: a heartbeat was not acknowledged before the next was due; dropped the"
                    + " connection so that it resumes");
            return true;
        }
        Duration latency = gateway.latestLatency();
        if (!latency.equals(lastLatency)) {
            lastLatency = latency;
            lastProgressNanos = now;
            return false;
        }
        if (now - lastProgressNanos < properties.silence().toNanos()) {
            return false;
        }
        // give the reconnect a whole silence period before looking again
        lastProgressNanos = now;
        if (!gateway.drop()) {
            return false;
        }
        reconnects++;
        log.warn("Discord gateway silent for {} s (no heartbeat acknowledged): dropped the connection so that it"
                + " resumes", properties.silence().toSeconds());
        return true;
    }

    private static Gateway javacord(DiscordApi api) {
        return new Gateway() {
            @Override
            public Duration latestLatency() {
                return api.getLatestGatewayLatency();
            }

            @Override
            public long lastHeartbeatSentNanos() {
                Object heart = heart(api);
                Object sent = heart == null ? null : field(heart, "lastHeartbeatSentTimeNanos");
                return sent instanceof Long l && l > 0 ? l : -1;
            }

            @Override
            public boolean heartbeatAcknowledged() {
                Object heart = heart(api);
                Object ack = heart == null ? null : field(heart, "heartbeatAckReceived");
                return !(ack instanceof java.util.concurrent.atomic.AtomicBoolean b) || b.get();
            }

            @Override
            public boolean drop() {
                java.net.Socket socket = gatewaySocket(api);
                if (socket == null || socket.isClosed()) {
                    return false;
                }
                try {
                    socket.close();
                    return true;
                } catch (java.io.IOException e) {
                    return false;
                }
            }
        };
    }

    /** Javacord's {@code Heart} of the gateway adapter (its heartbeat state), or null. */
    private static Object heart(DiscordApi api) {
        try {
            Object adapter = api.getClass().getMethod("getWebSocketAdapter").invoke(api);
            return adapter == null ? null : field(adapter, "heart");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Object field(Object target, String name) {
        try {
            java.lang.reflect.Field field = target.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return field.get(target);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The socket under Javacord's gateway websocket: {@code DiscordApiImpl#getWebSocketAdapter().getWebSocket()
     * .getSocket()}. Reached by reflection because nv-websocket-client is only a runtime dependency of Javacord.
     */
    static java.net.Socket gatewaySocket(DiscordApi api) {
        try {
            Object adapter = api.getClass().getMethod("getWebSocketAdapter").invoke(api);
            Object webSocket = adapter == null ? null : adapter.getClass().getMethod("getWebSocket").invoke(adapter);
            return webSocket == null ? null : (java.net.Socket) webSocket.getClass().getMethod("getSocket").invoke(webSocket);
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("cannot reach Javacord's gateway socket ({}): the watchdog cannot reconnect",
                    e.getClass().getSimpleName());
            return null;
        }
    }
}
