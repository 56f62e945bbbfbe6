package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.BotStartupException;
import com.discoverytriage.discord.DiscordProperties;
import com.discoverytriage.discord.card.CardDelivery;
import com.discoverytriage.discord.http.InteractionCallbacks;
import com.discoverytriage.discord.interaction.CommandRegistrations;
import com.discoverytriage.discord.interaction.TriageInteractions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.loopback.JavacordLoopback;
import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackDiscordExtension;
import com.discoverytriage.loopback.RestFault;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bot's start and stop in the phases a restart policy meets: a failure after login must not crash-loop (each
 * loop spends one of the daily IDENTIFYs, documentation: topics/gateway, "Session Start Limit"), and a stop request
 * must end a start that is still connecting.
 */
@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("The bot's start and stop: no crash loop after login, a stop ends a pending connection")
class DiscordBotLifecycleTest {

    private static DiscordProperties properties(String token, long guildId, Duration loginTimeout) {
        return new DiscordProperties(true, token, guildId, java.util.List.of(), 0, 0, 1, 1, Duration.ofSeconds(2), Duration.ofMinutes(1),
                loginTimeout);
    }

    private static DiagnosticCatalog catalog() {
        Diagnostic d = mock(Diagnostic.class);
        when(d.id()).thenReturn("technology-leadership");
        when(d.title()).thenReturn("Technology leadership");
        return new DiagnosticCatalog(List.of(d), null);
    }

    private static DiscordBot bot(DiscordProperties properties, DiscordApiFactory factory) {
        return new DiscordBot(properties, factory, catalog(),
                new CommandRegistrations(new JdbcTemplate(MigratedDatabase.fresh()), Clock.systemUTC()),
                mock(TriageInteractions.class), api -> mock(CardDelivery.class), api -> { },
                mock(InteractionCallbacks.class),
                new GatewayWatchdog(new WatchdogProperties(false, Duration.ofSeconds(3), Duration.ofSeconds(1))));
    }

    @Test
    @DisplayName("403 on the command registration (wrong server id) is logged with the fix; the bot keeps running")
    void commandRegistrationRefusedKeepsRunning(LoopbackDiscord discord) {
        // given Discord refusing the guild command overwrite, as for a server the application is not in
        discord.scriptFault("PUT", "/applications/{app}/guilds/{guild}/commands",
                RestFault.error(403, 50001, "Missing Access"));
        DiscordApiFactory factory = new DiscordApiFactory(List.of(builder -> {
            JavacordLoopback.setGateway(discord.gatewayUrl());
            builder.setProxySelector(discord.proxySelector()).setTrustAllCertificates(true)
                    .setShutdownHookRegistrationEnabled(false);
        }));
        DiscordBot bot = bot(properties(discord.token(), discord.guild().id(), Duration.ofSeconds(20)), factory);
        discord.onClose(bot::stop);

        // when it starts, then it does not fail, and stays connected
        bot.start();
        assertThat(bot.isRunning()).isTrue();
        assertThat(discord.framesFromClient(2)).as("one IDENTIFY").hasSize(1);
    }

    @Test
    @DisplayName("a stop while busy lets the interaction work in flight finish, then disconnects")
    void stopWhileBusyFinishesInFlightWork(LoopbackDiscord discord) throws Exception {
        // given a connected bot whose worker is in the middle of an interaction's database work
        DiscordApiFactory factory = new DiscordApiFactory(List.of(builder -> {
            JavacordLoopback.setGateway(discord.gatewayUrl());
            builder.setProxySelector(discord.proxySelector()).setTrustAllCertificates(true)
                    .setShutdownHookRegistrationEnabled(false);
        }));
        DiscordBot bot = bot(properties(discord.token(), discord.guild().id(), Duration.ofSeconds(20)), factory);
        java.util.concurrent.ThreadPoolExecutor workers = new java.util.concurrent.ThreadPoolExecutor(1, 1, 1,
                TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>());
        bot.drainOnStop(workers);
        discord.onClose(bot::stop);
        bot.start();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        workers.execute(() -> {
            running.countDown();
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            finished.set(true);
        });
        running.await(5, TimeUnit.SECONDS);

        // when the process is stopped (SIGTERM)
        bot.stop();

        // then the work finished before the bot let go, and the bot is stopped
        assertThat(finished).isTrue();
        assertThat(bot.isRunning()).isFalse();
    }

    @Test
    @DisplayName("a stop while the gateway cannot be reached ends the start within seconds, not at login-timeout")
    void stopWhileConnecting() throws Exception {
        // given a login that never completes (Discord unreachable) and a long login-timeout
        DiscordApiFactory factory = mock(DiscordApiFactory.class);
        when(factory.login("token")).thenReturn(new CompletableFuture<>());
        DiscordBot bot = bot(properties("token", 0, Duration.ofMinutes(5)), factory);
        CompletableFuture<Throwable> started = CompletableFuture.supplyAsync(() -> {
            try {
                bot.start();
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        Thread.sleep(300);

        // when the process is asked to stop (SIGTERM runs the shutdown, which stops the bot)
        bot.stop();

        // then the start gives up at once
        Throwable failure;
        try {
            failure = started.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(BotStartupException.class).hasMessageContaining("stopped");
    }
}
