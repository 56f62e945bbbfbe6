package com.discoverytriage.discord;

import com.discoverytriage.discord.interaction.ServerPolicy;

import com.discoverytriage.discord.interaction.DiscordProspects;

import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.scoring.SignalCounts;
import com.discoverytriage.summary.TriageSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Hand-built views, snapshots and summaries for the adapter's tests. */
public final class Fixtures {

    public static final long USER = 123456789012345678L;
    public static final ProspectId PROSPECT = DiscordProspects.of(USER);
    public static final String EVIL = "@everyone <@&1> [x](https://evil)";
    /** The configured home server of the adapter's tests ({@code triage.discord.guild-id}). */
    public static final long HOME = 700000000000000001L;
    public static final ServerPolicy POLICY = new ServerPolicy(HOME, java.util.Set.of());
    public static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    private Fixtures() {
    }

    public static View.QuestionView signal(long step, int number) {
        return new View.QuestionView(step, "product-leadership", "q" + number, QuestionKind.SIGNAL,
                "Does your product team ship without a strategy that connects the work?", "Think of the last quarter.",
                number, 9, List.of(new View.Choice("yes", "Yes"), new View.Choice("no", "No"),
                        new View.Choice("unsure", "Not sure")), number > 1, false, 0);
    }

    public static View.QuestionView text(long step, boolean optional) {
        return new View.QuestionView(step, "product-leadership", "company", QuestionKind.TEXT,
                "What is your company and your role?", null, 8, 9, List.of(), true, optional, 500);
    }

    public static View.QuestionView routing(long step) {
        return new View.QuestionView(step, null, "route", null, "Which fits you best?", null, 0, 9,
                List.of(new View.Choice("product-leadership", "Product leadership"),
                        new View.Choice("technology-leadership", "Technology leadership")), false, false, 0);
    }

    public static Outcome book() {
        return new Outcome(OutcomeKind.BOOK, "book", "Book a strategy call", "A fractional product leader fits.",
                "Pick a time.", null, "band 5-9", List.of("You answered yes to 6 of 9 signals."));
    }

    public static Outcome alternative() {
        return new Outcome(OutcomeKind.ALTERNATIVE, "pre-pmf", "Focus on product-market fit first",
                "Learning speed is the constraint before product-market fit.", "Run customer discovery for 6 weeks.",
                "Clear signs of product-market fit.", "gate pre-product-market-fit",
                List.of("You told us you have not found product-market fit yet."));
    }

    static Evaluation evaluation(Outcome outcome) {
        return new Evaluation("product-leadership", outcome, new SignalCounts(6, 2, 1, List.of("q3")), null, List.of());
    }

    public static View.OutcomeView outcomeView(long step, Outcome outcome, String url) {
        return new View.OutcomeView(step, "product-leadership", evaluation(outcome), url, outcome.nextStep());
    }

    public static ConversationSnapshot snapshot(Phase phase, long step, Outcome outcome) {
        return new ConversationSnapshot(PROSPECT, "7f1c2d3e-0000-4000-8000-000000000001", "Ada " + EVIL,
                "product-leadership", "abc123", phase, 3, 9,
                new Answers(Map.of("q1", "yes", "company", EVIL)), outcome == null ? null : evaluation(outcome),
                null, step, T0, T0.plusSeconds(60), outcome == null ? null : T0.plusSeconds(300));
    }

    public static TriageSummary summary(Outcome outcome, String answer) {
        return new TriageSummary("7f1c2d3e-0000-4000-8000-000000000001", PROSPECT.value(), "Ada " + EVIL,
                "product-leadership", "Product leadership", "abcdef0123456789", outcome == null ? Phase.ASKING : Phase.DECIDED,
                3, 9, T0, outcome == null ? null : T0.plusSeconds(300),
                List.of(new TriageSummary.Item("q1", QuestionKind.SIGNAL, "Does your team ship without a strategy?", "Yes", false),
                        new TriageSummary.Item("q3", QuestionKind.SIGNAL, "Is a leadership gap open?", "Not sure", true),
                        new TriageSummary.Item("company", QuestionKind.TEXT, "Company and role?", answer, false)),
                outcome == null ? null : new SignalCounts(6, 2, 1, List.of("q3")), outcome,
                "Situation", "Leadership gap between hires", outcome != null && outcome.isBook() ? "https://cal.example/x?name=Ada" : null);
    }
}
