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

    private final DiagnosticCatalog catalog;
    private final Rules rules;
    private final BookingLinks bookingLinks;

    ConversationViews(DiagnosticCatalog catalog, Rules rules, BookingLinks bookingLinks) {
        this.catalog = catalog;
        this.rules = rules;
        this.bookingLinks = bookingLinks;
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
