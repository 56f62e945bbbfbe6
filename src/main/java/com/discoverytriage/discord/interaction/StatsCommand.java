package com.discoverytriage.discord.interaction;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.stats.StatsChart;
import com.discoverytriage.stats.StatsPeriod;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /triage-stats [period] [diagnostic]}: for the consultant (the adapter's consultant check, which decides
 * what the home server is), never in a DM; answered privately with the figures in an embed and the chart attached.
 * The figures are computed on the workers after the acknowledgement.
 */
public final class StatsCommand implements InteractionHandler {

    static final String PERIOD_OPTION = "period";
    static final String CONSULTANT_ONLY = "Only the consultant can see the triage statistics, in the home server.";
    static final String BAD_PERIOD = "The period is a number of days from 1 to 366, such as 7 or 30.";
    static final String UNKNOWN_DIAGNOSTIC = "There is no such diagnostic.";
    static final String UNAVAILABLE = "The statistics could not be computed just now. Please try again later.";

    private final TriageStatistics statistics;
    private final DiagnosticCatalog catalog;
    private final Clock clock;

    public StatsCommand(TriageStatistics statistics, DiagnosticCatalog catalog, Clock clock) {
        this.statistics = statistics;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public Claim claim() {
        return Claim.command(Interaction.Kind.STATS_COMMAND);
    }

    @Override
    public String failureNote() {
        return UNAVAILABLE;
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        if (!i.inGuild() || !i.consultant()) {
            c.note(CONSULTANT_ONLY);
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
            c.note(BAD_PERIOD);
            return;
        }
        String diagnostic = i.option();
        if (diagnostic != null && catalog.find(diagnostic).isEmpty()) {
            c.note(UNKNOWN_DIAGNOSTIC);
            return;
        }
        StatsPeriod period = StatsPeriod.lastDays(days, LocalDate.now(clock.withZone(ZoneOffset.UTC)), diagnostic);
        Responder r = c.responder();
        CompletableFuture<Void> ack = r.deferReply(true);
        c.whenAcknowledged(ack, () -> {
            TriageStats stats = statistics.compute(period);
            byte[] png = StatsChart.png(stats);
            c.send(r.editOriginalWithFile(StatsMessages.stats(stats), StatsMessages.CHART_FILE, png));
        });
    }
}
