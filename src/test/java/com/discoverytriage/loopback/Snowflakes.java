package com.discoverytriage.loopback;

import java.util.concurrent.atomic.AtomicLong;

/** Mints ids shaped like Discord snowflakes (millis since the Discord epoch, shifted, plus a counter). */
public final class Snowflakes {

    private static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

    private final AtomicLong counter = new AtomicLong();

    public long next() {
        long millis = System.currentTimeMillis() - DISCORD_EPOCH_MILLIS;
        return (millis << 22) | (counter.incrementAndGet() & 0x3F_FFFFL);
    }
}
