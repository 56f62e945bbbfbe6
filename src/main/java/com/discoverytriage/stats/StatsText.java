package com.discoverytriage.stats;

import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The figures as plain lines: for a terminal, and the pieces an embed is made of. */
public final class StatsText {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StatsText() {
    }

    public static String period(TriageStats s) {
        return DAY.format(s.period().since()) + " to " + DAY.format(s.period().until().minusMillis(1))
                + (s.period().diagnosticId() == null ? ", every diagnostic" : ", " + s.period().diagnosticId());
    }

    public static String totals(TriageStats s) {
        return s.started() + " started, " + s.finished() + " finished, " + s.abandoned() + " abandoned, "
                + s.inProgress() + " in progress";
    }

    public static String conversion(TriageStats s) {
        return s.booked() + " of " + s.bookOutcomes() + " book outcomes booked (" + percent(s.bookingConversion())
                + "); talk anyway " + s.talkAnyway() + "; overrides " + s.overrides();
    }

    public static String timeToFinish(TriageStats s) {
        return s.medianToFinish() == null ? "no triage finished"
                : "median " + duration(s.medianToFinish()) + ", p90 " + duration(s.p90ToFinish());
    }

    public static List<String> outcomes(TriageStats s) {
        List<String> lines = new ArrayList<>();
        for (OutcomeCount o : s.outcomes()) {
            lines.add(o.count() + "  " + o.kind() + ":" + o.outcomeId()
                    + (s.period().diagnosticId() == null ? "  (" + o.diagnosticId() + ")" : ""));
        }
        return lines;
    }

    /** One line per question: number, id, reached, dropped, not sure rate. */
    public static List<String> funnel(TriageStats s, String diagnosticId) {
        List<String> lines = new ArrayList<>();
        for (QuestionFigures q : s.questionsOf(diagnosticId)) {
            lines.add(String.format(Locale.ROOT, "%2d %-24s reached %4d  dropped %3d  not sure %s", q.number(),
                    shorten(q.questionId(), 24), q.reached(), q.dropped(),
                    q.answered() == 0 ? "-" : percent(q.unsureRate()) + " of " + q.answered()));
        }
        return lines;
    }

    public static String render(TriageStats s) {
        StringBuilder out = new StringBuilder();
        out.append("Triage statistics, ").append(period(s)).append('\n');
        out.append(totals(s)).append('\n');
        out.append("Booking: ").append(conversion(s)).append('\n');
        out.append("Time to finish: ").append(timeToFinish(s)).append('\n');
        out.append("Outcomes:\n");
        List<String> outcomes = outcomes(s);
        if (outcomes.isEmpty()) {
            out.append("  none\n");
        }
        outcomes.forEach(l -> out.append("  ").append(l).append('\n'));
        for (String diagnostic : s.diagnostics()) {
            out.append("Funnel, ").append(diagnostic).append(":\n");
            funnel(s, diagnostic).forEach(l -> out.append("  ").append(l).append('\n'));
        }
        return out.toString();
    }

    public static String percent(double share) {
        return Math.round(share * 100) + "%";
    }

    public static String duration(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
        }
        long hours = d.toHours();
        return hours < 48 ? hours + " h " + d.toMinutesPart() + " min" : d.toDays() + " days";
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
