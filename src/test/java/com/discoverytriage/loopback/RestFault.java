package com.discoverytriage.loopback;

import java.time.Duration;
import java.util.Objects;

/**
 * A scripted answer that replaces the stand-in's normal one for matching requests; see
 * {@link LoopbackDiscord#scriptFault(String, String, RestFault, int)}.
 */
public sealed interface RestFault {

    /** A per-route 429 with {@code retry_after} (seconds) in the body and the {@code Retry-After} header. */
    static RestFault rateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter, false);
    }

    /** A global 429 ({@code X-RateLimit-Global: true}, {@code "global": true}). */
    static RestFault globalRateLimited(Duration retryAfter) {
        return new RateLimited(retryAfter, true);
    }

    /** 500 with Discord's body for it. */
    static RestFault serverError() {
        return new Error(500, 0, "500: Internal Server Error");
    }

    /** 403 / 50007: the user does not accept DMs from the bot. */
    static RestFault cannotSendMessagesToUser() {
        return new Error(403, 50007, "Cannot send messages to this user");
    }

    /** 403 / 50013: the bot lacks a permission in the channel. */
    static RestFault missingPermissions() {
        return new Error(403, 50013, "Missing Permissions");
    }

    /** 401: the token was refused. */
    static RestFault unauthorized() {
        return new Error(401, 0, "401: Unauthorized");
    }

    /** Any Discord error: HTTP status, JSON error code, message. */
    static RestFault error(int status, int code, String message) {
        return new Error(status, code, message);
    }

    /** Holds the answer back for {@code delay}, then answers as usual. */
    static RestFault stall(Duration delay) {
        return new Stall(delay);
    }

    record RateLimited(Duration retryAfter, boolean global) implements RestFault {
        public RateLimited {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    record Error(int status, int code, String message) implements RestFault {
        public Error {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("an error status is 4xx or 5xx, not " + status);
            }
            Objects.requireNonNull(message, "message");
        }
    }

    record Stall(Duration delay) implements RestFault {
        public Stall {
            Objects.requireNonNull(delay, "delay");
        }
    }
}
