package com.discoverytriage.discord;

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
    private static final class FakeGateway implements GatewayWatchdog.Gateway {
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
}
