package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * An interaction the stand-in built (and possibly dispatched): its id, its token (valid for the callback and for
 * 15 minutes of followups) and the INTERACTION_CREATE payload.
 */
public record LoopbackInteraction(long id, String token, ObjectNode payload) {

    public LoopbackInteraction {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(payload, "payload");
    }

    public String idAsString() {
        return Long.toUnsignedString(id);
    }

    /** Path of this interaction's callback below {@code /api/v10}. */
    public String callbackPath() {
        return "/interactions/" + idAsString() + "/" + token + "/callback";
    }

    @Override
    public String toString() {
        return "interaction " + idAsString() + " type " + payload.path("type").asInt();
    }
}
