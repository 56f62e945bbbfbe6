package com.discoverytriage.conversation;

import java.util.Objects;

/**
 * Who a conversation belongs to, as the transport names them (for example {@code discord:1234} or
 * {@code console:local}). One conversation per prospect id.
 */
public record ProspectId(String value) {

    public static final int MAX_LENGTH = 100;

    public ProspectId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a prospect id is 1 to " + MAX_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
