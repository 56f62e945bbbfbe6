package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.DiscordText;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.stats.StatsText;
import com.discoverytriage.stats.TriageStats;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import com.discoverytriage.stats.WeeklyDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The figures as Discord messages: one embed (built through {@link MessageSpec}, so every limit holds) with the
 * chart attached beside it. Used by {@code /triage-stats} and the weekly digest.
 */
public final class StatsMessages {

    public static final String CHART_FILE = "triage-stats.png";
    private static final int COLOUR = 0x5865F2;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private StatsMessages() {
    }

    static MessageSpec.Embed embed(String title, TriageStats s) {
        List<MessageSpec.Field> fields = new ArrayList<>();
        fields.add(new MessageSpec.Field("Triages", StatsText.totals(s), false));
        fields.add(new MessageSpec.Field("Booking", StatsText.conversion(s), false));
        fields.add(new MessageSpec.Field("Time to finish", StatsText.timeToFinish(s), false));
        List<String> outcomes = StatsText.outcomes(s);
        fields.add(new MessageSpec.Field("Outcomes", outcomes.isEmpty() ? "none" : String.join("\n", outcomes), false));
        for (String diagnostic : s.diagnostics()) {
            fields.add(new MessageSpec.Field("Where they left, " + diagnostic, leftAt(s, diagnostic), false));
        }
        return new MessageSpec.Embed(title, StatsText.period(s), COLOUR, fields,
                "Triages started in the period; the chart is attached.");
    }

    /** The questions people left at, most first, with the "not sure" rates worth a look. */
    private static String leftAt(TriageStats s, String diagnostic) {
        List<QuestionFigures> questions = s.questionsOf(diagnostic);
        List<String> lines = new ArrayList<>();
        questions.stream().filter(q -> q.dropped() > 0)
                .sorted(Comparator.comparingInt(QuestionFigures::dropped).reversed()).limit(5)
                .forEach(q -> lines.add("Q" + q.number() + " " + q.questionId() + ": " + q.dropped() + " of "
                        + q.reached() + " left"));
        if (lines.isEmpty()) {
            lines.add("nobody left midway");
        }
        questions.stream().filter(q -> q.answered() > 0 && q.unsure() > 0)
                .sorted(Comparator.comparingDouble(QuestionFigures::unsureRate).reversed()).limit(3)
                .forEach(q -> lines.add("Q" + q.number() + " " + q.questionId() + ": not sure "
                        + StatsText.percent(q.unsureRate())));
        return String.join("\n", lines);
    }

    static MessageSpec stats(TriageStats s) {
        return new MessageSpec(null, List.of(embed("Triage statistics", s)), List.of(), true);
    }

    /** The weekly digest: the week's figures and the "decided, not booked" follow-up list. */
    public static MessageSpec digest(TriageStats s, List<WeeklyDigest.NotBooked> notBooked) {
        MessageSpec.Embed figures = embed("Weekly triage digest", s);
        List<String> lines = new ArrayList<>();
        for (WeeklyDigest.NotBooked n : notBooked) {
            lines.add("• " + DiscordText.escape(n.displayName() == null ? "(no name)" : n.displayName()) + ", "
                    + n.diagnosticId() + (n.decidedAt() == null ? "" : ", decided " + DAY.format(n.decidedAt()))
                    + " (`" + n.triageId() + "`)");
        }
        MessageSpec.Embed followUp = new MessageSpec.Embed("Decided, not booked", lines.isEmpty()
                ? "Nobody is waiting for a follow-up." : String.join("\n", lines), 0xFEE75C, List.of(), null);
        return new MessageSpec(null, List.of(figures, followUp), List.of(), false);
    }
}
