package com.discoverytriage.discord.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Javacord's own logging of a failed gateway connection, replayed with the messages Javacord 3.8 logs (its
 * {@code DiscordWebSocketAdapter}, through the Log4j API it uses), through the filter the bot installs at login.
 */
@DisplayName("Javacord's reconnect logging: one WARN line per retry, other warnings and errors untouched")
@ExtendWith(OutputCaptureExtension.class)
class GatewayRetryLogsTest {

    private static final Logger JAVACORD = LogManager.getLogger(GatewayRetryLogs.JAVACORD_GATEWAY);

    private static CompletionException refused() {
        return new CompletionException(new ConnectException("Failed to connect to /127.0.0.1:9")
                .initCause(new ConnectException("Connection refused")));
    }

    @BeforeEach
    void install() {
        GatewayRetryLogs.install();
    }

    private static List<String> lines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> !line.isBlank()).toList();
    }

    @Test
    @DisplayName("a failed connection and its retry become one WARN line with the cause and the delay, no trace")
    void failedConnectionsFold(CapturedOutput output) {
        for (int seconds : new int[] {1, 2, 4}) {
            JAVACORD.warn("An error occurred while connecting to websocket", refused());
            JAVACORD.info("Trying to reconnect/resume in {} seconds!", seconds);
        }

        assertThat(lines(output)).hasSize(3).allSatisfy(line -> assertThat(line).contains(" WARN ",
                "Discord gateway not reachable (ConnectException: Failed to connect to /127.0.0.1:9 (Connection refused))"));
        assertThat(lines(output).get(1)).endsWith("retrying in 2 s");
        assertThat(output.getAll()).doesNotContain("\tat ", "Caused by", "Trying to reconnect");
    }

    @Test
    @DisplayName("a retry after a lost connection says so; a failure never retried is still logged, once")
    void lostConnectionAndUnretriedFailure(CapturedOutput output) {
        JAVACORD.info("Trying to reconnect/resume in {} seconds!", 1);
        JAVACORD.warn("Websocket error!", new java.io.IOException("reset"));
        JAVACORD.warn("An error occurred while connecting to websocket", refused());
        JAVACORD.info("Trying to reconnect/resume in {} seconds!", 2);

        assertThat(lines(output)).hasSize(3);
        assertThat(lines(output).get(0)).contains("WARN", "Discord gateway connection lost; retrying in 1 s");
        assertThat(lines(output).get(1)).contains("WARN", "Discord gateway connection failed (IOException: reset)");
        assertThat(lines(output).get(2)).contains("WARN", "not reachable (ConnectException", "retrying in 2 s");
    }

    @Test
    @DisplayName("Javacord's other warnings and its errors keep their stack traces; other loggers are untouched")
    void realErrorsPass(CapturedOutput output) {
        JAVACORD.warn("An error occurred while decompressing data", new IllegalStateException("bad frame"));
        JAVACORD.error("Websocket callback error!", new IllegalStateException("listener failed"));
        LogManager.getLogger("org.javacord.core.util.rest.RatelimitManager")
                .warn("An error occurred while connecting to websocket", new IllegalStateException("elsewhere"));

        assertThat(output.getAll()).contains("An error occurred while decompressing data", "bad frame",
                "Websocket callback error!", "listener failed", "elsewhere", "\tat ");
        assertThat(output.getAll()).doesNotContain("Discord gateway");
    }

    @Test
    @DisplayName("installing twice adds one filter")
    void installOnce() {
        GatewayRetryLogs.install();
        var context = (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        assertThat(context.getTurboFilterList().stream().filter(GatewayRetryLogs.class::isInstance)).hasSize(1);
    }
}
