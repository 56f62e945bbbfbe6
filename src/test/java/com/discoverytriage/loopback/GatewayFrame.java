package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Objects;

/**
 * One websocket frame between the client and the gateway stand-in.
 *
 * @param direction    {@link Direction#FROM_CLIENT} or {@link Direction#TO_CLIENT}
 * @param connection   number of the websocket connection (1 for the first, 2 after a reconnect...)
 * @param payload      the frame's JSON (close frames are recorded as {@code {"close": code, "reason": ...}})
 * @param nanos        {@link System#nanoTime()} when the frame was sent or received
 */
public record GatewayFrame(Direction direction, int connection, JsonNode payload, long nanos) {

    public enum Direction { FROM_CLIENT, TO_CLIENT }

    public GatewayFrame {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(payload, "payload");
    }

    /** The gateway opcode, or -1 for a close frame. */
    public int op() {
        return payload.path("op").asInt(-1);
    }

    /** The dispatch type ({@code t}) or null. */
    public String type() {
        JsonNode t = payload.get("t");
        return t == null || t.isNull() ? null : t.asText();
    }

    public JsonNode data() {
        return payload.path("d");
    }

    public boolean isClose() {
        return payload.has("close");
    }

    @Override
    public String toString() {
        String shown = op() == 2 || op() == 6 ? "{op:" + op() + ", d:<redacted>}" : payload.toString();
        return "#" + connection + " " + (direction == Direction.FROM_CLIENT ? "<- " : "-> ") + shown;
    }
}
