package com.discoverytriage.console;

import com.discoverytriage.conversation.View;
import com.discoverytriage.scoring.Outcome;
import java.util.List;

/** How the console shows each {@link View}: plain text, one question at a time. */
final class ViewText {

    private ViewText() {
    }

    /** @param profileLabel what the diagnostic calls its profiles ("Situation", "Engagement model"), may be null */
    static String render(View view, java.util.function.Function<String, String> profileLabel) {
        if (view instanceof View.QuestionView q) {
            return question(q);
        }
        if (view instanceof View.ReviewView r) {
            return review(r);
        }
        if (view instanceof View.OutcomeView o) {
            return outcome(o, profileLabel.apply(o.diagnosticId()));
        }
        if (view instanceof View.NoticeView n) {
            return "\n" + (n.text().startsWith("Welcome") ? "" : "Note: ") + n.text() + "\n"
                    + render(n.current(), profileLabel);
        }
        return "\n" + ((View.EndedView) view).text() + "\n";
    }

    static String question(View.QuestionView q) {
        StringBuilder out = new StringBuilder("\n");
        if (q.diagnosticId() == null) {
            out.append("Getting started\n").append(q.text()).append('\n');
            appendHelp(out, q.help());
            int n = 1;
            for (View.Choice choice : q.choices()) {
                out.append("  ").append(n++).append(". ").append(choice.label()).append('\n');
            }
            out.append("Type a number or a short name (for example the first word).\n");
            return out.toString();
        }
        out.append("Question ").append(q.number()).append(" of ").append(q.total())
                .append(q.optional() ? " (optional)" : "").append('\n');
        out.append(q.text()).append('\n');
        appendHelp(out, q.help());
        out.append(hint(q)).append('\n');
        return out.toString();
    }

    /** The line that says what can be typed, repeated when an answer was not understood. */
    static String hint(View.QuestionView q) {
        String moves = q.allowsBack() ? "back, restart" : "restart";
        if (q.diagnosticId() == null) {
            return "Type a number or a short name (for example the first word).";
        }
        if (q.freeText()) {
            return (q.optional() ? "Type your answer, or press Enter to skip" : "Type your answer")
                    + " (up to " + q.maxLength() + " characters; or " + moves + ").";
        }
        return "Answer " + choices(q.choices()) + " (or " + moves + ").";
    }

    private static String choices(List<View.Choice> choices) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            out.append(i == 0 ? "" : i == choices.size() - 1 ? " or " : ", ").append(choices.get(i).label().toLowerCase(java.util.Locale.ROOT));
        }
        return out.toString();
    }

    private static String review(View.ReviewView r) {
        StringBuilder out = new StringBuilder("\nYour answers\n");
        int n = 1;
        for (View.AnsweredQuestion a : r.answered()) {
            out.append(String.format(java.util.Locale.ROOT, "%3d. %s\n", n++, a.text()));
            out.append("     ").append(a.answer() == null || a.answer().isBlank() ? "(skipped)" : a.answer()).append('\n');
        }
        out.append("Type confirm to see the result, edit N to change answer N (or back, restart).\n");
        return out.toString();
    }

    private static String outcome(View.OutcomeView o, String profileLabel) {
        Outcome outcome = o.evaluation().outcome();
        StringBuilder out = new StringBuilder("\n");
        out.append(outcome.isBook() ? "Result: " : "Our recommendation: ").append(outcome.title()).append('\n');
        if (outcome.why() != null) {
            out.append(outcome.why().strip()).append('\n');
        }
        if (outcome.isBook()) {
            o.evaluation().matchedProfile().ifPresent(p -> out.append(profileLabel == null ? "Best match" : profileLabel)
                    .append(": ").append(p.title())
                    .append(p.description() == null || p.description().isBlank() ? "" : " (" + p.description().strip() + ")")
                    .append('\n'));
        }
        out.append("Why:\n");
        for (String reason : outcome.reasons()) {
            out.append("  - ").append(reason).append('\n');
        }
        String next = o.nextStep() != null ? o.nextStep() : outcome.nextStep();
        if (next != null) {
            out.append("Next step: ").append(next.strip()).append('\n');
        }
        if (o.bookingUrl() != null) {
            out.append("Book your strategy call: ").append(o.bookingUrl()).append('\n');
        }
        if (outcome.isBook() && outcome.firstMonth() != null) {
            out.append("Your first 30 days: ").append(outcome.firstMonth().strip()).append('\n');
        }
        if (!outcome.isBook() && outcome.wouldChange() != null) {
            out.append("What would change this: ").append(outcome.wouldChange().strip()).append('\n');
        }
        return out.toString();
    }

    private static void appendHelp(StringBuilder out, String help) {
        if (help != null && !help.isBlank()) {
            out.append("  (").append(help.strip()).append(")\n");
        }
    }
}
