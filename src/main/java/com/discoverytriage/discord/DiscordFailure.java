package com.discoverytriage.discord;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * A failed Discord request, reduced to what the adapter decides on: the HTTP status and Discord's JSON error
 * code. Status 0 means no answer at all (timeout, connection refused).
 */
public class DiscordFailure extends RuntimeException {

    public static final int UNKNOWN_CHANNEL = 10003;
    public static final int UNKNOWN_MESSAGE = 10008;
    public static final int UNKNOWN_WEBHOOK = 10015;
    public static final int UNKNOWN_INTERACTION = 10062;
    public static final int MISSING_ACCESS = 50001;
    public static final int CANNOT_DM = 50007;
    public static final int MISSING_PERMISSIONS = 50013;
    public static final int INVALID_WEBHOOK_TOKEN = 50027;

    private final int status;
    private final int code;
    private final Duration retryAfter;

    public DiscordFailure(int status, int code, String message) {
        this(status, code, message, null);
    }

    /** @param retryAfter how long Discord asked us to wait (a 429's {@code retry_after}); null when it did not say */
    public DiscordFailure(int status, int code, String message, Duration retryAfter) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** How long Discord asked us to wait before the next request, when it said (429). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Discord's wait in seconds (fractional): the body's {@code retry_after}, else the {@code Retry-After} header;
     * empty when neither is a usable number.
     */
    public static Optional<Duration> retryAfter(Optional<Double> bodySeconds, String header) {
        Optional<Double> seconds = bodySeconds.filter(DiscordFailure::usable);
        if (seconds.isEmpty() && header != null) {
            try {
                seconds = Optional.of(Double.parseDouble(header.trim())).filter(DiscordFailure::usable);
            } catch (NumberFormatException e) {
                seconds = Optional.empty();
            }
        }
        return seconds.map(s -> Duration.ofMillis(Math.max(1, (long) Math.ceil(s * 1000))));
    }

    private static boolean usable(double seconds) {
        return seconds >= 0 && seconds < 7 * 24 * 3600;
    }

    public int status() {
        return status;
    }

    public int code() {
        return code;
    }

    public boolean unauthorized() {
        return status == 401;
    }

    public boolean forbidden() {
        return status == 403 || code == MISSING_PERMISSIONS || code == MISSING_ACCESS;
    }

    public boolean dmClosed() {
        return code == CANNOT_DM;
    }

    /** The interaction token has expired (15 minutes) or the interaction is unknown. */
    public boolean interactionExpired() {
        return code == UNKNOWN_WEBHOOK || code == INVALID_WEBHOOK_TOKEN || code == UNKNOWN_INTERACTION;
    }

    public boolean channelOrMessageMissing() {
        return code == UNKNOWN_CHANNEL || code == UNKNOWN_MESSAGE;
    }

    /** Worth trying again later: rate limited, server error, or no answer. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }

    /** The failure behind a future's exception, or a status-0 failure for anything unexpected. */
    public static DiscordFailure of(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DiscordFailure failure) {
            return failure;
        }
        return Optional.ofNullable(cause)
                .map(c -> new DiscordFailure(0, 0, c instanceof TimeoutException ? "timed out" : c.getClass().getSimpleName()))
                .orElseGet(() -> new DiscordFailure(0, 0, "unknown"));
    }

    @Override
    public String toString() {
        return "DiscordFailure[status=" + status + ", code=" + code
                + (retryAfter == null ? "" : ", retryAfter=" + retryAfter.toMillis() + "ms") + "]";
    }
}
