package com.discoverytriage.discord.render;

import com.discoverytriage.discord.interaction.CustomId;
import com.discoverytriage.discord.interaction.CustomIds;

import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.View;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Field;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.discord.render.MessageSpec.Style;
import com.discoverytriage.scoring.Outcome;
import java.util.ArrayList;
import java.util.List;

/** Renders the core's views as the prospect sees them in Discord. Prospect text is escaped and shown in embeds only. */
public final class ProspectRenderer {

    public static final int QUESTION_COLOR = 0x5865F2;
    public static final int BOOK_COLOR = 0x57F287;
    public static final int ALTERNATIVE_COLOR = 0xFEE75C;
    public static final String TEXT_INPUT_ID = "answer";

    private final CustomIds ids;

    public ProspectRenderer(CustomIds ids) {
        this.ids = ids;
    }

    public MessageSpec render(View view, long userId) {
        if (view instanceof View.QuestionView q) {
            return question(q, userId);
        }
        if (view instanceof View.ReviewView r) {
            return review(r, userId);
        }
        if (view instanceof View.OutcomeView o) {
            return outcome(o, userId, null);
        }
        if (view instanceof View.NoticeView n) {
            return render(n.current(), userId).withContent(n.text());
        }
        View.EndedView e = (View.EndedView) view;
        return MessageSpec.of(e.text(), null,
                List.of(Row.of(button(userId, e.step(), "start", "Start again", Style.PRIMARY))));
    }

    /** The outcome with a note on top, e.g. after "Talk to the consultant anyway". */
    public MessageSpec outcome(View.OutcomeView o, long userId, String note) {
        Outcome outcome = o.evaluation().outcome();
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Why", bullets(outcome.reasons()), false));
        List<Button> buttons = new ArrayList<>();
        Embed embed;
        if (outcome.isBook()) {
            if (o.bookingUrl() != null && o.bookingUrl().length() <= DiscordText.URL) {
                buttons.add(Button.link("Book your strategy call", o.bookingUrl()));
            } else if (o.bookingUrl() != null) {
                fields.add(new Field("Your booking link", o.bookingUrl(), false));
            }
            if (o.nextStep() != null && o.bookingUrl() == null) {
                fields.add(new Field("Next step", o.nextStep(), false));
            }
            o.evaluation().matchedProfile().ifPresent(p -> fields.add(new Field("Best match: " + p.title(),
                    p.description() == null || p.description().isBlank() ? p.title() : p.description(), false)));
            if (outcome.firstMonth() != null) {
                fields.add(new Field("Your first 30 days", outcome.firstMonth(), false));
            }
            embed = new Embed(outcome.title(), outcome.why(), BOOK_COLOR, fields, null);
        } else {
            if (outcome.wouldChange() != null) {
                fields.add(new Field("What would change this", outcome.wouldChange(), false));
            }
            String next = o.nextStep() != null ? o.nextStep() : outcome.nextStep();
            if (next != null) {
                fields.add(new Field("Next step", next, false));
            }
            embed = new Embed("Our recommendation: " + outcome.title(), outcome.why(), ALTERNATIVE_COLOR, fields, null);
            buttons.add(button(userId, o.step(), "talk", "Talk to the consultant anyway", Style.PRIMARY));
        }
        buttons.add(button(userId, o.step(), "back", "Back", Style.SECONDARY));
        buttons.add(button(userId, o.step(), "restart", "Start over", Style.DANGER));
        return MessageSpec.of(note, embed, Row.wrap(buttons));
    }

    private MessageSpec question(View.QuestionView q, long userId) {
        String progress = q.number() > 0 ? "Question " + q.number() + " of " + q.total() : "Getting started";
        Embed embed = new Embed(progress, q.text() + (q.help() == null ? "" : "\n\n*" + q.help() + "*"),
                QUESTION_COLOR, List.of(), q.freeText() ? (q.optional() ? "Optional: you can skip it." : null) : null);
        List<Row> rows = new ArrayList<>();
        List<Button> answers = new ArrayList<>();
        if (q.freeText()) {
            answers.add(button(userId, q.step(), "text", "Answer", Style.PRIMARY));
            if (q.optional()) {
                answers.add(button(userId, q.step(), "skip", "Skip", Style.SECONDARY));
            }
        } else {
            for (View.Choice choice : q.choices()) {
                answers.add(button(userId, q.step(), "a=" + choice.value(), choice.label(), styleOf(choice.value())));
            }
        }
        rows.addAll(Row.wrap(answers));
        List<Button> navigation = new ArrayList<>();
        if (q.allowsBack()) {
            navigation.add(button(userId, q.step(), "back", "Back", Style.SECONDARY));
        }
        navigation.add(button(userId, q.step(), "restart", "Start over", Style.DANGER));
        rows.addAll(Row.wrap(navigation));
        return MessageSpec.of(null, embed, rows);
    }

    private MessageSpec review(View.ReviewView r, long userId) {
        List<Field> fields = new ArrayList<>();
        List<MessageSpec.Option> options = new ArrayList<>();
        int n = 1;
        for (View.AnsweredQuestion a : r.answered()) {
            String answer = blankAsSkipped(a.answer());
            fields.add(new Field(n + ". " + a.text(), DiscordText.escapeAndFit(answer, DiscordText.FIELD_VALUE), false));
            if (options.size() < DiscordText.SELECT_OPTIONS) {
                options.add(new MessageSpec.Option(n + ". " + a.text(), a.questionId(), "Now: " + answer));
            }
            n++;
        }
        Embed embed = new Embed("Your answers", "Check your answers, change any of them, then see your result.",
                QUESTION_COLOR, fields, null);
        List<Row> rows = new ArrayList<>();
        if (!options.isEmpty()) {
            rows.add(Row.of(new MessageSpec.Select(
                    ids.encode(new CustomId(CustomId.TRIAGE, Long.toString(userId), r.step(), "edit")),
                    "Change an answer", options)));
        }
        rows.add(Row.of(
                button(userId, r.step(), "confirm", "See my result", Style.PRIMARY),
                button(userId, r.step(), "back", "Back", Style.SECONDARY),
                button(userId, r.step(), "restart", "Start over", Style.DANGER)));
        return MessageSpec.of(null, embed, rows);
    }

    /** The modal for a free-text question. */
    public MessageSpec.Modal modal(View.QuestionView q, long userId) {
        String title = q.number() > 0 ? "Question " + q.number() + " of " + q.total() : "Your answer";
        String placeholder = q.text().length() > DiscordText.INPUT_LABEL ? q.text() : null;
        int max = q.maxLength() > 0 ? q.maxLength() : DiscordText.INPUT_VALUE;
        return new MessageSpec.Modal(ids.encode(new CustomId(CustomId.MODAL, Long.toString(userId), q.step(), "answer")),
                title, List.of(new MessageSpec.TextInput(TEXT_INPUT_ID, q.text(), max > 200, !q.optional(), max, placeholder)));
    }

    /** When the view a modal is for is not known: a generic modal, the core still checks the step. */
    public MessageSpec.Modal genericModal(long userId, long step) {
        return new MessageSpec.Modal(ids.encode(new CustomId(CustomId.MODAL, Long.toString(userId), step, "answer")),
                "Your answer", List.of(new MessageSpec.TextInput(TEXT_INPUT_ID, "Your answer", true, false,
                        DiscordText.INPUT_VALUE, null)));
    }

    /** Offered when the prospect comes back with a conversation stored: continue, or start over. */
    public MessageSpec resumeOffer(ConversationSnapshot s, long userId) {
        boolean decided = s.phase() == Phase.DECIDED;
        String text = decided
                ? "You already finished a fit check. See your result again, or start over."
                : "You have a fit check in progress" + (s.questionNumber() > 0
                        ? " (question " + s.questionNumber() + " of " + s.questionTotal() + ")" : "")
                        + ". Continue where you left off, or start over.";
        Embed embed = new Embed("Welcome back", text, QUESTION_COLOR, List.of(), null);
        return MessageSpec.of(null, embed, List.of(Row.of(
                button(userId, s.step(), "show", decided ? "See my result" : "Continue", Style.PRIMARY),
                button(userId, s.step(), "restart", "Start over", Style.DANGER))));
    }

    /** The public panel message posted by {@code /triage-panel}. */
    public MessageSpec panel() {
        Embed embed = new Embed("Start your fit check",
                "A few quick questions, answered privately, to see whether a strategy call is the right next step. "
                        + "Only you see your answers.", QUESTION_COLOR, List.of(), null);
        return MessageSpec.of(null, embed, List.of(Row.of(
                Button.of(Style.PRIMARY, "Start your fit check", ids.encode(new CustomId(CustomId.PANEL, "start", 0, "start"))))));
    }

    /** A short note only the clicker sees. */
    public static MessageSpec note(String text) {
        return new MessageSpec(text, List.of(), List.of(), true);
    }

    private Button button(long userId, long step, String action, String label, Style style) {
        return Button.of(style, label, ids.encode(new CustomId(CustomId.TRIAGE, Long.toString(userId), step, action)));
    }

    private static Style styleOf(String value) {
        return switch (value) {
            case "yes" -> Style.SUCCESS;
            case "no" -> Style.DANGER;
            case "unsure" -> Style.SECONDARY;
            default -> Style.PRIMARY;
        };
    }

    private static String blankAsSkipped(String answer) {
        return answer == null || answer.isBlank() ? "(skipped)" : answer;
    }

    static String bullets(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append("• ").append(line);
        }
        return out.toString();
    }
}
