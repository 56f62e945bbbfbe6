package com.discoverytriage.discord;

import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Whether the bot can do its job: cleared on a permission problem, stopped for good on a rejected token. */
public class BotHealth {

    private static final Logger log = LoggerFactory.getLogger(BotHealth.class);

    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile boolean stopped;

    public boolean healthy() {
        return problem.get() == null && !stopped;
    }

    public boolean stopped() {
        return stopped;
    }

    public String problem() {
        return stopped ? "stopped: Discord rejected the bot token (401)" : problem.get();
    }

    public void unhealthy(String what) {
        if (!what.equals(problem.getAndSet(what))) {
            log.warn("BOT UNHEALTHY: {}", what);
        }
    }

    public void recovered() {
        if (problem.getAndSet(null) != null) {
            log.info("bot healthy again");
        }
    }

    /** A 401: every further request would be rejected too. */
    public void stop() {
        if (!stopped) {
            stopped = true;
            log.error("Discord rejected the bot token (401): all sending stopped. Set a valid DISCORD_TOKEN "
                    + "(Discord developer portal, your application, Bot tab) and restart.");
        }
    }
}
