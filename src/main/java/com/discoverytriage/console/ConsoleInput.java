package com.discoverytriage.console;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.View;
import com.discoverytriage.diagnostic.Reply;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** What a typed line means for the view on screen: a command, or nothing (then the question is asked again). */
final class ConsoleInput {

    private ConsoleInput() {
    }

    static Optional<Command> interpret(View view, String line) {
        String typed = line.strip();
        String word = typed.toLowerCase(Locale.ROOT);
        if (word.equals("back")) {
            return Optional.of(new Command.Back());
        }
        if (word.equals("restart")) {
            return Optional.of(new Command.Restart());
        }
        if (view instanceof View.QuestionView q) {
            if (q.diagnosticId() == null) {
                return route(q.choices(), typed);
            }
            return q.freeText() ? text(q, typed) : reply(q.choices(), typed);
        }
        if (view instanceof View.ReviewView r) {
            return switch (word) {
                case "confirm", "c", "ok", "yes", "y" -> Optional.of(new Command.Confirm());
                default -> edit(r, word);
            };
        }
        return Optional.empty();
    }

    /** {@code edit N} (or {@code change N}): re-open the N-th answer of the review. */
    static Optional<Command> edit(View.ReviewView review, String typed) {
        java.util.regex.Matcher m = EDIT.matcher(typed.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        int n;
        try {
            n = Integer.parseInt(m.group(1));
        } catch (NumberFormatException tooLong) {
            return Optional.empty();
        }
        return n >= 1 && n <= review.answered().size()
                ? Optional.of(new Command.Edit(review.answered().get(n - 1).questionId()))
                : Optional.empty();
    }

    private static final java.util.regex.Pattern EDIT = java.util.regex.Pattern.compile("(?:edit|change)\\s*(\\d{1,4})");

    /** Said when a line was not understood, before the question is asked again. */
    static String notUnderstood(View view, String line) {
        String typed = line.strip();
        String heard = typed.isEmpty() ? "An answer is needed here." : "Sorry, \"" + abbreviate(typed) + "\" is not an answer here.";
        if (view instanceof View.QuestionView q) {
            if (q.freeText() && typed.length() > q.maxLength()) {
                return "That answer is " + typed.length() + " characters; please keep it to " + q.maxLength() + ".";
            }
            return heard + " " + ViewText.hint(q);
        }
        if (view instanceof View.ReviewView r) {
            return heard + " Type confirm to see the result, edit N (1 to " + r.answered().size()
                    + ") to change an answer, or back, restart.";
        }
        return heard;
    }

    /** A number picks that route; any other word goes to the core, which also knows short names ("tech"). */
    private static Optional<Command> route(List<View.Choice> choices, String typed) {
        try {
            int number = Integer.parseInt(typed);
            return number >= 1 && number <= choices.size()
                    ? Optional.of(new Command.Answer(choices.get(number - 1).value()))
                    : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return typed.isBlank() ? Optional.empty() : Optional.of(new Command.Answer(typed));
        }
    }

    private static Optional<Command> reply(List<View.Choice> choices, String typed) {
        Optional<Reply> reply = Reply.parse(typed);
        if (reply.isPresent()) {
            String id = reply.get().id();
            return choices.stream().filter(c -> c.value().equals(id)).findFirst().map(c -> new Command.Answer(c.value()));
        }
        return choices.stream().filter(c -> c.label().equalsIgnoreCase(typed)).findFirst().map(c -> new Command.Answer(c.value()));
    }

    private static Optional<Command> text(View.QuestionView q, String typed) {
        if (typed.isEmpty()) {
            return q.optional() ? Optional.of(new Command.Answer("")) : Optional.empty();
        }
        return typed.length() <= q.maxLength() ? Optional.of(new Command.Answer(typed)) : Optional.empty();
    }

    private static String abbreviate(String typed) {
        return typed.length() <= 40 ? typed : typed.substring(0, 37) + "...";
    }
}
