package com.discoverytriage.discord.gateway;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Javacord logs every failed gateway connection as a WARN with a full stack trace, then an INFO "Trying to
 * reconnect/resume in N seconds!": with Discord unreachable, a newcomer gets pages of traces before the one useful
 * message. This folds each pair into one WARN line naming the cause and the delay, without a trace.
 *
 * <p>Only those messages of Javacord's gateway logger are touched; its other warnings, every ERROR and every other
 * logger pass unchanged. A failure that is not followed by a retry is still logged, when the next one comes.
 * Installed into Logback when the bot logs in (Spring Boot's logging set-up resets Logback's filters at start-up).
 */
final class GatewayRetryLogs extends TurboFilter {

    static final String JAVACORD_GATEWAY = "org.javacord.core.util.gateway.DiscordWebSocketAdapter";

    /** Javacord 3.8's warnings (with a stack trace) when a gateway connection fails or is lost. */
    private static final Set<String> CONNECTION_FAILURES = Set.of("An error occurred while connecting to websocket",
            "Websocket error!", "Websocket onConnect error!", "Websocket onUnexpected error!");
    private static final Pattern RETRY = Pattern.compile("^Trying to reconnect/resume in (\\d+|\\{}) seconds!");

    private static final Logger log = LoggerFactory.getLogger(GatewayRetryLogs.class);

    private final AtomicReference<String> pendingFailure = new AtomicReference<>();

    private GatewayRetryLogs() {
        setName(GatewayRetryLogs.class.getSimpleName());
    }

    /** Adds the filter to Logback once; does nothing when another logging back end is in use. */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream().noneMatch(GatewayRetryLogs.class::isInstance)) {
            GatewayRetryLogs filter = new GatewayRetryLogs();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
            Object[] params, Throwable t) {
        // format is null when a logger only asks whether a level is enabled
        if (format == null || !JAVACORD_GATEWAY.equals(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (level == Level.WARN && t != null && CONNECTION_FAILURES.contains(format)) {
            String failure = (format.startsWith("An error occurred while connecting") ? "not reachable ("
                    : "connection failed (") + cause(t) + ")";
            String earlier = pendingFailure.getAndSet(failure);
            if (earlier != null) {
                log.warn("Discord gateway {}", earlier);
            }
            return FilterReply.DENY;
        }
        if (level == Level.INFO) {
            Matcher retry = RETRY.matcher(format);
            if (retry.find()) {
                String failure = pendingFailure.getAndSet(null);
                String seconds = retry.group(1).equals("{}") && params != null && params.length > 0
                        ? String.valueOf(params[0]) : retry.group(1);
                log.warn("Discord gateway {}; retrying in {} s", failure == null ? "connection lost" : failure, seconds);
                return FilterReply.DENY;
            }
        }
        return FilterReply.NEUTRAL;
    }

    /**
     * The cause in one line, past the future's wrappers: "ConnectException: Failed to connect to /10.0.0.1:443
     * (Connection refused)", "UnknownHostException: discord.com".
     */
    static String cause(Throwable t) {
        Throwable first = t;
        while ((first instanceof java.util.concurrent.CompletionException
                || first instanceof java.util.concurrent.ExecutionException) && first.getCause() != null) {
            first = first.getCause();
        }
        Throwable root = first;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = first.getClass().getSimpleName() + (first.getMessage() == null ? "" : ": " + first.getMessage());
        return root == first || root.getMessage() == null || text.contains(root.getMessage()) ? text
                : text + " (" + root.getMessage() + ")";
    }
}
