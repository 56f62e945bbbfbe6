package com.discoverytriage.discord.interaction;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, lets the interactions already acknowledged finish their database work and their edit before the
 * database pool closes (a stop for a deploy, or another instance taking over), instead of failing them half-way and
 * telling the prospect that something went wrong. Stops after the web server (lower phase), so nothing new arrives.
 */
public final class WorkerDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkerDrain.class);
    private static final long DRAIN_SECONDS = 20;

    private final ThreadPoolExecutor workers;
    private volatile boolean running;

    public WorkerDrain(ThreadPoolExecutor workers) {
        this.workers = workers;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        workers.shutdown();
        try {
            if (!workers.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{} interaction(s) still running after {} s of shutdown", workers.getActiveCount(), DRAIN_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
