package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.BotStartupException;
import com.discoverytriage.discord.BotStartupFailureAnalyzer;
import com.discoverytriage.discord.DiscordProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.javacord.api.DiscordApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

@DisplayName("Start-up when Discord cannot be reached: a bounded login, one clear line, nothing left connecting")
class DiscordLoginTest {

    private static final String TOKEN = "MTA.secret-part.token";

    private static DiscordProperties properties(Duration loginTimeout) {
        return new DiscordProperties(true, TOKEN, 0, java.util.List.of(), 0, 0, 1, 1, Duration.ofSeconds(2), Duration.ofMinutes(1),
                loginTimeout);
    }

    private static DiscordBot bot(DiscordApiFactory factory) {
        return new DiscordBot(properties(Duration.ofSeconds(1)), factory, null, null, null, api -> null, api -> { },
                null, null);
    }

    @Test
    @DisplayName("a login that never reaches READY gives up after login-timeout, naming the gateway and the fix")
    void loginTimesOut() {
        // given a gateway that never answers (Javacord keeps retrying; its future never completes)
        DiscordApiFactory factory = mock(DiscordApiFactory.class);
        when(factory.login(TOKEN)).thenReturn(new CompletableFuture<>());

        // when / then
        assertThatThrownBy(bot(factory)::start).isInstanceOfSatisfying(BotStartupException.class, e -> {
            assertThat(e.getMessage()).isEqualTo("could not reach Discord's gateway within 1s: check the network / "
                    + "proxy (HTTPS to discord.com and gateway.discord.gg).");
            FailureAnalysis analysis = new BotStartupFailureAnalyzer().analyze(e);
            assertThat(analysis.getAction()).contains("proxy").contains("triage.discord.login-timeout")
                    .doesNotContain("DISCORD_TOKEN");
            assertThat(e.getMessage() + analysis.getAction()).doesNotContain(TOKEN);
        });
    }

    @Test
    @DisplayName("a client that connects after start-up gave up is disconnected at once, so it keeps nothing running")
    void lateLoginIsDisconnected() {
        // given a login that completes only after the start-up has given up
        CompletableFuture<DiscordApi> login = new CompletableFuture<>();
        DiscordApiFactory factory = mock(DiscordApiFactory.class);
        when(factory.login(TOKEN)).thenReturn(login);
        assertThatThrownBy(bot(factory)::start).isInstanceOf(BotStartupException.class);
        DiscordApi late = mock(DiscordApi.class);
        when(late.disconnect()).thenReturn(CompletableFuture.completedFuture(null));

        // when
        login.complete(late);

        // then
        verify(late, timeout(5_000)).disconnect();
    }

    @Test
    @DisplayName("a rejected token still says so, and keeps the token-fixing advice")
    void rejectedToken() {
        DiscordApiFactory factory = mock(DiscordApiFactory.class);
        when(factory.login(TOKEN)).thenReturn(CompletableFuture.failedFuture(
                new IllegalStateException("Cannot connect to websocket: 401 Unauthorized")));

        assertThatThrownBy(bot(factory)::start).isInstanceOfSatisfying(BotStartupException.class, e -> {
            assertThat(e.getMessage()).contains("rejected DISCORD_TOKEN (401)");
            assertThat(e.action()).contains("DISCORD_TOKEN");
        });
    }

    @Test
    @DisplayName("login-timeout outside 1s..30m stops start-up, naming the setting and an example")
    void loginTimeoutValidated() {
        assertThatThrownBy(() -> properties(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("triage.discord.login-timeout").hasMessageContaining("60s");
        assertThatThrownBy(() -> properties(Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(properties(Duration.ofSeconds(60)).loginTimeout()).isEqualTo(Duration.ofSeconds(60));
    }
}
