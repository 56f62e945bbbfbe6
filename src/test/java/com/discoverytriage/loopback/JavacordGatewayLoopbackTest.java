package com.discoverytriage.loopback;

import org.javacord.api.DiscordApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("Javacord 3.8 on a disrupted loopback gateway")
class JavacordGatewayLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static List<String> directMessages(DiscordApi api) {
        List<String> received = new CopyOnWriteArrayList<>();
        api.addMessageCreateListener(event -> received.add(event.getMessageContent()));
        return received;
    }

    private static void awaitReceived(List<String> received, String... contents) {
        LoopbackDiscord.await(() -> received.containsAll(List.of(contents)) ? Optional.of(true) : Optional.empty(),
                TIMEOUT, () -> "DMs " + List.of(contents) + "; received " + received);
    }

    @Test
    @DisplayName("after close 4000 it RESUMEs with the last sequence and gets the missed events replayed in order")
    void resumeAfterClose4000(LoopbackDiscord discord) {
        // given a logged-in client that has seen a DM
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
        List<String> received = directMessages(api);
        LoopbackUser prospect = discord.guild().prospect(0);
        discord.dispatchDirectMessage(prospect, "before");
        awaitReceived(received, "before");
        int lastSeen = discord.lastSequence();

        // when the gateway closes with 4000 and two DMs arrive while the client is away
        long closedAt = System.nanoTime();
        discord.closeGateway(4000);
        discord.dispatchDirectMessage(prospect, "missed 1");
        discord.dispatchDirectMessage(prospect, "missed 2");

        // then the client resumes the same session from the last sequence it saw
        GatewayFrame resume = discord.awaitFrameFromClient(6, closedAt, TIMEOUT);
        assertThat(resume.data().path("seq").asInt()).isEqualTo(lastSeen);
        // and receives the missed events in order, without a second IDENTIFY
        awaitReceived(received, "missed 1", "missed 2");
        assertThat(received).containsExactly("before", "missed 1", "missed 2");
        assertThat(discord.framesFromClient(2)).hasSize(1);
        assertThat(discord.gatewayConnections()).isEqualTo(2);
    }

    @Test
    @DisplayName("after op 7 RECONNECT it reconnects and RESUMEs; events sent meanwhile are replayed")
    void reconnectRequested(LoopbackDiscord discord) {
        // given a logged-in client
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
        List<String> received = directMessages(api);
        long askedAt = System.nanoTime();

        // when the gateway asks it to reconnect and a DM follows
        discord.requestReconnect();
        discord.dispatchDirectMessage(discord.guild().prospect(0), "during reconnect");

        // then it resumed and got the DM
        discord.awaitFrameFromClient(6, askedAt, TIMEOUT);
        awaitReceived(received, "during reconnect");
        assertThat(discord.framesFromClient(2)).hasSize(1);
    }

    @Test
    @DisplayName("after op 9 (not resumable) it IDENTIFYs again and gets a new READY; the old session's events are lost")
    void invalidSession(LoopbackDiscord discord) {
        // given a logged-in client
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
        List<String> received = directMessages(api);

        // when the session is invalidated, a DM is dispatched into the dead session, and one after the new READY
        discord.invalidateSession(false);
        discord.dispatchDirectMessage(discord.guild().prospect(0), "lost with the old session");
        discord.awaitFrame(f -> f.direction() == GatewayFrame.Direction.TO_CLIENT
                && "READY".equals(f.type()) && f.connection() > 1, TIMEOUT);
        discord.dispatchDirectMessage(discord.guild().prospect(0), "after the new READY");

        // then Javacord identified twice (its per-token limiter spaces them by 5.5 s) and only the new DM arrived
        awaitReceived(received, "after the new READY");
        assertThat(discord.framesFromClient(2)).hasSize(2);
        assertThat(received).doesNotContain("lost with the old session");
    }

    @Test
    @DisplayName("a silent gateway (no heartbeat ACKs) is NOT detected: Javacord keeps the zombie connection open")
    void silentGatewayIsNotDetected(LoopbackDiscord discord) throws InterruptedException {
        // given a logged-in client with a 1 s heartbeat
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
        List<String> received = directMessages(api);
        discord.awaitFrameFromClient(1, 0, TIMEOUT);

        // when the gateway goes silent for five heartbeat intervals, with a DM stuck in it
        long silencedAt = System.nanoTime();
        discord.silenceGateway();
        discord.dispatchDirectMessage(discord.guild().prospect(0), "never delivered");
        Thread.sleep(Duration.ofSeconds(5).toMillis());

        // then Javacord sent at most one more heartbeat, never closed, never reconnected, and saw nothing
        long heartbeatsAfter = discord.framesFromClient(1).stream().filter(f -> f.nanos() > silencedAt).count();
        boolean closedByClient = discord.frames().stream()
                .anyMatch(f -> f.isClose() && f.direction() == GatewayFrame.Direction.FROM_CLIENT);
        System.out.println("[loopback] silent gateway for 5000 ms (heartbeat interval 1000 ms): heartbeats sent "
                + heartbeatsAfter + ", closed by client " + closedByClient + ", connections "
                + discord.gatewayConnections() + ", latency still reported " + api.getLatestGatewayLatency());
        assertThat(heartbeatsAfter).isLessThanOrEqualTo(1);
        assertThat(closedByClient).isFalse();
        assertThat(discord.gatewayConnections()).isEqualTo(1);
        assertThat(received).isEmpty();
    }

    @Test
    @DisplayName("a watchdog can recover a silent gateway: frozen latency noticed, socket dropped, session RESUMEd")
    void watchdogRecoversSilentGateway(LoopbackDiscord discord) throws Exception {
        // given a logged-in client whose gateway went silent with a DM stuck in it
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
        List<String> received = directMessages(api);
        discord.awaitFrameFromClient(1, 0, TIMEOUT);
        discord.silenceGateway();
        discord.dispatchDirectMessage(discord.guild().prospect(0), "stuck in the zombie");

        // when a watchdog sees the gateway latency frozen for three heartbeat intervals (Javacord updates it on
        // every ACK) and drops the socket under Javacord
        Duration frozen = Duration.ZERO;
        Duration last = api.getLatestGatewayLatency();
        while (frozen.compareTo(Duration.ofSeconds(3)) < 0) {
            Thread.sleep(500);
            Duration now = api.getLatestGatewayLatency();
            frozen = now.equals(last) ? frozen.plusMillis(500) : Duration.ZERO;
            last = now;
        }
        long droppedAt = System.nanoTime();
        JavacordLoopback.dropGatewaySocket(api);

        // then Javacord reconnects by itself, RESUMEs and the stuck DM is replayed
        discord.awaitFrameFromClient(6, droppedAt, TIMEOUT);
        awaitReceived(received, "stuck in the zombie");
        assertThat(discord.framesFromClient(2)).hasSize(1);
    }
}
