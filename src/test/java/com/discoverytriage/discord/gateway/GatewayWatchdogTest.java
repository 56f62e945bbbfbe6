package com.discoverytriage.discord.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The gateway watchdog")
class GatewayWatchdogTest {

    private final AtomicLong now = new AtomicLong();
    private final GatewayWatchdog watchdog = new GatewayWatchdog(
            new WatchdogProperties(true, Duration.ofSeconds(3), Duration.ofMillis(250)), now::get);

    /** A gateway whose latency the test sets; counts drops. */
    private static class FakeGateway implements GatewayWatchdog.Gateway {
        Duration latency = Duration.ofMillis(40);
        boolean open = true;
        final AtomicInteger drops = new AtomicInteger();

        @Override
        public Duration latestLatency() {
            return latency;
        }

        @Override
        public boolean drop() {
            if (!open) {
                return false;
            }
            drops.incrementAndGet();
            return true;
        }
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    @Test
    @DisplayName("acknowledged heartbeats (the latency changes) keep the connection")
    void healthyGatewayKept() {
        FakeGateway gateway = new FakeGateway();
        for (int i = 0; i < 20; i++) {
            gateway.latency = Duration.ofNanos(40_000_000L + i);
            advance(Duration.ofSeconds(1));
            assertThat(watchdog.check(gateway)).isFalse();
        }
        assertThat(gateway.drops).hasValue(0);
    }

    @Test
    @DisplayName("no acknowledged heartbeat for the silence period drops the connection once, then waits again")
    void silentGatewayDropped() {
        // given a gateway seen once, then frozen
        FakeGateway gateway = new FakeGateway();
        watchdog.check(gateway);

        // when less than the silence passes, nothing; when it has passed, one drop
        advance(Duration.ofMillis(2900));
        assertThat(watchdog.check(gateway)).isFalse();
        advance(Duration.ofMillis(200));
        assertThat(watchdog.check(gateway)).isTrue();
        // and it gives the reconnect a whole silence period
        advance(Duration.ofSeconds(1));
        assertThat(watchdog.check(gateway)).isFalse();
        assertThat(gateway.drops).hasValue(1);
        assertThat(watchdog.reconnects()).isEqualTo(1);
    }

    @Test
    @DisplayName("nothing to drop (already disconnected) is not counted as a reconnect")
    void nothingToDrop() {
        FakeGateway gateway = new FakeGateway();
        gateway.open = false;
        watchdog.check(gateway);
        advance(Duration.ofSeconds(4));
        assertThat(watchdog.check(gateway)).isFalse();
        assertThat(watchdog.reconnects()).isZero();
    }

    @Test
    @DisplayName("a silence under one second is refused at start-up, naming the setting")
    void badSettings() {
        assertThatThrownBy(() -> new WatchdogProperties(true, Duration.ofMillis(500), Duration.ofSeconds(1)))
                .hasMessageContaining("triage.discord.watchdog");
    }

    /**
     * Documentation: topics/gateway ("Sending Heartbeats": if a client does not receive a heartbeat ACK between its
     * attempts at sending heartbeats, it should close the connection and resume). With Discord's interval of about
     * 41 s, a missed ACK is acted on at the next heartbeat, long before the 125 s fallback.
     */
    @Test
    @DisplayName("a heartbeat not acknowledged by the time the next is due drops the connection (default settings)")
    void missedHeartbeatAckDropsConnection() {
        // given the default settings and a gateway beating every 41.25 s
        GatewayWatchdog defaults = new GatewayWatchdog(new WatchdogProperties(true, Duration.ofSeconds(125),
                Duration.ofSeconds(5)), now::get);
        long interval = Duration.ofMillis(41_250).toNanos();
        long[] sent = {-1};
        boolean[] acked = {true};
        FakeGateway gateway = new FakeGateway() {
            @Override
            public long lastHeartbeatSentNanos() {
                return sent[0];
            }

            @Override
            public boolean heartbeatAcknowledged() {
                return acked[0];
            }
        };
        for (int beat = 0; beat < 2; beat++) {
            sent[0] = now.get();
            gateway.latency = Duration.ofMillis(40 + beat);
            defaults.check(gateway);
            advance(Duration.ofNanos(interval));
        }
        // when the third heartbeat is sent and never acknowledged
        sent[0] = now.get();
        acked[0] = false;
        assertThat(defaults.check(gateway)).isFalse();
        advance(Duration.ofSeconds(30));
        assertThat(defaults.check(gateway)).as("not yet due").isFalse();

        // then once the next heartbeat was due (and a check period passed), the connection is dropped
        advance(Duration.ofSeconds(17));
        assertThat(defaults.check(gateway)).isTrue();
        assertThat(gateway.drops).hasValue(1);
    }
}
