package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.interaction.StatsMessages;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.stats.StatsChart;
import com.discoverytriage.stats.StatsPeriod;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import com.discoverytriage.stats.WeeklyDigest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.TextChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts the weekly digest in the summary channel once it is due: the week is claimed in the database first
 * ({@link WeeklyDigest}), so one process posts it, once; a failed post releases the claim and is tried again on
 * the next check.
 */
public class DigestPoster {

    private static final Logger log = LoggerFactory.getLogger(DigestPoster.class);
    static final int FOLLOW_UP_LIMIT = 15;
    static final int RECORD_ATTEMPTS = 3;
    static final java.time.Duration RECORD_RETRY = java.time.Duration.ofMillis(500);

    private final WeeklyDigest digest;
    private final TriageStatistics statistics;
    private final long channelId;
    private final Duration every;
    private volatile DiscordApi api;
    private ScheduledExecutorService scheduler;

    public DigestPoster(WeeklyDigest digest, TriageStatistics statistics, long channelId, Duration every) {
        this.digest = digest;
        this.statistics = statistics;
        this.channelId = channelId;
        this.every = every;
    }

    public synchronized void connected(DiscordApi connected) {
        this.api = connected;
        if (scheduler != null || channelId == 0) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "weekly-digest");
            t.setDaemon(true);
            return t;
        });
        long millis = Math.max(200, every.toMillis());
        scheduler.scheduleWithFixedDelay(this::runOnceQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private void runOnceQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("weekly digest check failed: {}", e.getClass().getSimpleName());
        }
    }

    boolean runOnce() {
        return postIfDue(digest);
    }

    /**
     * Posts the digest that {@code schedule} says is due, if this process claims it; answers whether it posted.
     * Public for the loopback scenario, which brings its own schedule (the configured one may not be due).
     */
    public boolean postIfDue(WeeklyDigest schedule) {
        DiscordApi current = api;
        if (current == null) {
            return false;
        }
        WeeklyDigest digest = schedule;
        var due = digest.due();
        if (due.isEmpty() || !digest.claim(due.get())) {
            return false;
        }
        try {
            TriageStats stats = statistics.compute(new StatsPeriod(due.get().since(), due.get().until(), null));
            byte[] png = StatsChart.png(stats);
            MessageSpec message = StatsMessages.digest(stats, digest.notBooked(FOLLOW_UP_LIMIT));
            TextChannel channel = current.getTextChannelById(channelId)
                    .orElseThrow(() -> new DiscordFailure(404, DiscordFailure.UNKNOWN_CHANNEL, "unknown channel"));
            JavacordSpecs.message(message).addAttachment(png, StatsMessages.CHART_FILE).send(channel)
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            digest.release(due.get());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null
                    ? e.getCause() : e;
            log.warn("weekly digest not posted, will retry: {} {}", cause.getClass().getSimpleName(),
                    DiscordFailure.of(cause));
            return false;
        }
        recordPosted(digest, due.get());
        log.info("weekly digest for the week before {} posted", due.get().week());
        return true;
    }

    /**
     * Discord has the digest: from here the claim is never released, or the next check would post it again. The
     * record is retried; if the database stays away, the claim is left to go stale ({@code WeeklyDigest}'s 10
     * minutes) and the failure is reported.
     */
    private static void recordPosted(WeeklyDigest digest, WeeklyDigest.Due due) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= RECORD_ATTEMPTS; attempt++) {
            try {
                digest.posted(due);
                return;
            } catch (RuntimeException e) {
                last = e;
                try {
                    Thread.sleep(RECORD_RETRY.toMillis() * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        log.error("weekly digest for the week before {} was posted but could not be recorded ({}): it may be "
                + "posted again once its claim goes stale", due.week(), last == null ? "interrupted"
                : last.getClass().getSimpleName());
    }
}
