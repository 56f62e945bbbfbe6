package com.discoverytriage.loopback;

import java.util.Objects;

/** A Discord user known to the stand-in (the bot itself, the consultant, prospects). */
public record LoopbackUser(long id, String username, boolean bot) {

    public LoopbackUser {
        Objects.requireNonNull(username, "username");
    }

    public String idAsString() {
        return Long.toUnsignedString(id);
    }
}
