package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.stats.StatsChart;
import com.discoverytriage.stats.StatsPeriod;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /triage-stats [period] [diagnostic]}: for the consultant (the adapter's consultant check, which decides
 * what the home server is), never in a DM; answered privately
 * with the figures in an embed and the chart attached. The figures are computed on the worker executor after the
 * acknowledgement.
 */
public final class StatsCommand {

    private static final Logger log = LoggerFactory.getLogger(StatsCommand.class);

    static final String PERIOD_OPTION = "period";
    static final String CONSULTANT_ONLY = "Only the consultant can see the triage statistics, in the home server.";
    static final String BAD_PERIOD = "The period is a number of days from 1 to 366, such as 7 or 30.";
    static final String UNKNOWN_DIAGNOSTIC = "There is no such diagnostic.";
    static final String UNAVAILABLE = "The statistics could not be computed just now. Please try again later.";

    private final TriageStatistics statistics;
    private final DiagnosticCatalog catalog;
    private final Executor executor;
    private final Clock clock;

    public StatsCommand(TriageStatistics statistics, DiagnosticCatalog catalog, Executor executor, Clock clock) {
        this.statistics = statistics;
        this.catalog = catalog;
        this.executor = executor;
        this.clock = clock;
    }

    void command(Interaction i, Responder r) {
        if (!i.inGuild() || !i.consultant()) {
            r.reply(ProspectRenderer.note(CONSULTANT_ONLY).asEphemeral(true));
            return;
        }
        int days;
        try {
            String period = i.optionValue(PERIOD_OPTION);
            days = period == null || period.isBlank() ? 7 : Integer.parseInt(period.trim());
        } catch (NumberFormatException e) {
            days = -1;
        }
        if (days < 1 || days > 366) {
            r.reply(ProspectRenderer.note(BAD_PERIOD).asEphemeral(true));
            return;
        }
        String diagnostic = i.option();
        if (diagnostic != null && catalog.find(diagnostic).isEmpty()) {
            r.reply(ProspectRenderer.note(UNKNOWN_DIAGNOSTIC).asEphemeral(true));
            return;
        }
        LocalDate until = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1);
        StatsPeriod period = StatsPeriod.days(until.minusDays(days), until, diagnostic);
        CompletableFuture<Void> ack = r.deferReply(true);
        try {
            executor.execute(() -> {
                try {
                    TriageStats stats = statistics.compute(period);
                    byte[] png = StatsChart.png(stats);
                    send(ack.thenCompose(v -> r.editOriginalWithFile(StatsMessages.stats(stats),
                            StatsMessages.CHART_FILE, png)), i);
                } catch (RuntimeException e) {
                    log.error("handling {} failed: {}", i, e.getClass().getSimpleName());
                    send(ack.thenCompose(v -> r.editOriginal(ProspectRenderer.note(UNAVAILABLE))), i);
                }
            });
        } catch (RejectedExecutionException e) {
            send(ack.thenCompose(v -> r.followup(ProspectRenderer.note(TriageInteractions.BUSY).asEphemeral(true))), i);
        }
    }

    private static void send(CompletableFuture<?> future, Interaction i) {
        future.whenComplete((ok, t) -> {
            if (t != null) {
                log.warn("could not answer {}: {}", i, DiscordFailure.of(t));
            }
        });
    }
}
