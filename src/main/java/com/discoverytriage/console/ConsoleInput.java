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
        if (view instanceof View.ReviewView) {
            return switch (word) {
                case "confirm", "c", "ok", "yes", "y" -> Optional.of(new Command.Confirm());
                default -> Optional.empty();
            };
        }
        return Optional.empty();
    }

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
        if (view instanceof View.ReviewView) {
            return heard + " Type confirm to see the result (or back, restart).";
        }
        return heard;
    }

    private static Optional<Command> route(List<View.Choice> choices, String typed) {
        try {
            int number = Integer.parseInt(typed);
            return number >= 1 && number <= choices.size()
                    ? Optional.of(new Command.Answer(choices.get(number - 1).value()))
                    : Optional.empty();
        } catch (NumberFormatException notANumber) {
            return choices.stream()
                    .filter(c -> c.label().equalsIgnoreCase(typed) || c.value().equalsIgnoreCase(typed))
                    .findFirst()
                    .map(c -> new Command.Answer(c.value()));
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
