package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a stored conversation into what the prospect sees and what listeners are told. */
final class ConversationViews {

    static final String ROUTING_QUESTION_ID = "routing";
    static final String REACH_OUT = "The consultant will reach out to you to find a time for the call.";
    static final String CANCELLED_TEXT = "You cancelled this triage. Start again whenever you like.";
    static final String NOTHING_YET = "There is no triage in progress: start one whenever you like.";

    private static final List<View.Choice> REPLIES = List.of(
            new View.Choice(Reply.YES.id(), Reply.YES.label()),
            new View.Choice(Reply.NO.id(), Reply.NO.label()),
            new View.Choice(Reply.UNSURE.id(), Reply.UNSURE.label()));

    static final int DEFAULT_RETENTION_DAYS = 365;
    /** About how long one yes/no or short text answer takes, for the welcome's estimate. */
    private static final int SECONDS_PER_QUESTION = 15;

    private final DiagnosticCatalog catalog;
    private final Rules rules;
    private final BookingLinks bookingLinks;
    private final int retentionDays;

    ConversationViews(DiagnosticCatalog catalog, Rules rules, BookingLinks bookingLinks) {
        this(catalog, rules, bookingLinks, DEFAULT_RETENTION_DAYS);
    }

    ConversationViews(DiagnosticCatalog catalog, Rules rules, BookingLinks bookingLinks, int retentionDays) {
        this.catalog = catalog;
        this.rules = rules;
        this.bookingLinks = bookingLinks;
        this.retentionDays = retentionDays;
    }

    /**
     * Said once, when a triage starts: what this is, about how many questions and minutes (of the chosen diagnostic,
     * or the range over all), and who sees the answers and for how long.
     */
    String welcome(String diagnosticId) {
        List<Integer> sizes = catalog.diagnostics().stream()
                .filter(d -> diagnosticId == null || d.id().equals(diagnosticId))
                .map(d -> d.questions().size())
                .filter(n -> n > 0)
                .sorted()
                .toList();
        int min = sizes.isEmpty() ? 0 : sizes.get(0);
        int max = sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1);
        String questions = min == max ? "about " + max : min + " to " + max;
        int minutes = Math.max(1, (int) Math.ceil(max * SECONDS_PER_QUESTION / 60.0));
        return "Welcome! This is a short fit check before a call with the consultant: " + questions
                + " questions, one at a time, about " + minutes + (minutes == 1 ? " minute" : " minutes")
                + ". A question that settles the answer early ends it sooner, and you can go back or change an answer "
                + "before you see the result. Only you and the consultant see your answers; they are kept for "
                + "up to " + retentionDays + " days, and you can have them erased at any time.";
    }

    /**
     * The view after an answer, with a note when that answer fired a gate and so skipped the remaining questions:
     * the prospect is told why they jump to the review instead of meeting a silent gap in the numbering.
     */
    View withGateNotice(StoredConversation before, StoredConversation after, View view) {
        if (!ConversationStates.REVIEW.equals(after.state()) || !ConversationStates.isQuestion(before.state())) {
            return view;
        }
        Diagnostic diagnostic = catalog.require(after.data().diagnosticId());
        Map<String, String> answers = after.data().answers();
        long skipped = diagnostic.questions().stream().filter(q -> !answers.containsKey(q.id())).count();
        if (skipped == 0) {
            return view;
        }
        return rules.firedGate(diagnostic, new Answers(answers))
                .<View>map(gate -> new View.NoticeView(after.step(), "That answer settles it, so the remaining "
                        + skipped + (skipped == 1 ? " question is" : " questions are") + " skipped. " + gate.reason()
                        + " Here are your answers; you can still change one.", view))
                .orElse(view);
    }

    View view(StoredConversation c) {
        String state = c.state();
        long step = c.step();
        ConversationData data = c.data();
        if (ConversationStates.ROUTING.equals(state)) {
            List<View.Choice> routes = catalog.routing().routes().stream()
                    .map(r -> new View.Choice(r.diagnostic(), r.label()))
                    .toList();
            return new View.QuestionView(step, null, ROUTING_QUESTION_ID, null, catalog.routing().text(),
                    catalog.routing().help(), 0, 0, routes, false, false, 0);
        }
        if (ConversationStates.isQuestion(state)) {
            Diagnostic diagnostic = catalog.require(data.diagnosticId());
            Question question = ConversationStates.questionOf(catalog, state).orElseThrow();
            boolean text = question.kind() == QuestionKind.TEXT;
            return new View.QuestionView(step, diagnostic.id(), question.id(), question.kind(), question.text(),
                    question.help(), diagnostic.indexOf(question.id()) + 1, diagnostic.questions().size(),
                    text ? List.of() : REPLIES, data.history().size() > 1, text && question.optional(),
                    text ? question.maxLength() : 0);
        }
        return switch (state) {
            case ConversationStates.REVIEW -> review(step, catalog.require(data.diagnosticId()), data.answers());
            case ConversationStates.DECIDED -> outcome(c);
            default -> new View.EndedView(step, CANCELLED_TEXT);
        };
    }

    ConversationSnapshot snapshot(StoredConversation c) {
        ConversationData data = c.data();
        Diagnostic diagnostic = data.diagnosticId() == null ? null : catalog.find(data.diagnosticId()).orElse(null);
        Phase phase = ConversationStates.phase(c.state());
        int total = diagnostic == null ? 0 : diagnostic.questions().size();
        int number = switch (phase) {
            case ROUTING -> 0;
            case ASKING -> ConversationStates.questionOf(catalog, c.state())
                    .map(q -> diagnostic.indexOf(q.id()) + 1).orElse(0);
            case REVIEW, DECIDED -> total;
            case CANCELLED -> lastQuestionNumber(diagnostic, data);
        };
        Evaluation evaluation = phase == Phase.DECIDED && diagnostic != null ? evaluate(diagnostic, data) : null;
        String bookingUrl = evaluation == null ? null : bookingUrl(c, diagnostic, evaluation);
        return new ConversationSnapshot(c.prospect(), data.triageId(), c.displayName(), data.diagnosticId(),
                c.diagnosticVersion(), phase, number, total, new Answers(data.answers()), evaluation, bookingUrl,
                c.step(), data.startedAt(), c.updatedAt(), phase == Phase.DECIDED ? data.finishedAt() : null);
    }

    private View review(long step, Diagnostic diagnostic, Map<String, String> answers) {
        List<View.AnsweredQuestion> answered = new ArrayList<>();
        for (Question question : diagnostic.questions()) {
            String value = answers.get(question.id());
            if (value != null) {
                answered.add(new View.AnsweredQuestion(question.id(), question.text(), shown(question, value)));
            }
        }
        return new View.ReviewView(step, diagnostic.id(), answered);
    }

    private View outcome(StoredConversation c) {
        Diagnostic diagnostic = catalog.require(c.data().diagnosticId());
        Evaluation evaluation = evaluate(diagnostic, c.data());
        String bookingUrl = bookingUrl(c, diagnostic, evaluation);
        String nextStep = evaluation.outcome().isBook() && bookingUrl == null
                ? REACH_OUT
                : evaluation.outcome().nextStep();
        return new View.OutcomeView(c.step(), diagnostic.id(), evaluation, bookingUrl, nextStep);
    }

    private Evaluation evaluate(Diagnostic diagnostic, ConversationData data) {
        return rules.evaluate(diagnostic, new Answers(data.answers()));
    }

    private String bookingUrl(StoredConversation c, Diagnostic diagnostic, Evaluation evaluation) {
        if (!evaluation.outcome().isBook() || bookingLinks == null) {
            return null;
        }
        return bookingLinks.linkFor(c.data().triageId(), c.displayName(), diagnostic, evaluation).orElse(null);
    }

    private int lastQuestionNumber(Diagnostic diagnostic, ConversationData data) {
        if (diagnostic == null || data.history().isEmpty()) {
            return 0;
        }
        String last = data.history().get(data.history().size() - 1);
        return ConversationStates.questionOf(catalog, last).map(q -> diagnostic.indexOf(q.id()) + 1).orElse(0);
    }

    static String shown(Question question, String value) {
        if (question.kind() == QuestionKind.TEXT) {
            return value.isBlank() ? "(skipped)" : value;
        }
        return Reply.parse(value).map(Reply::label).orElse(value);
    }
}
