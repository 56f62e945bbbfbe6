package com.discoverytriage.conversation;

import static com.discoverytriage.conversation.ConversationStates.CANCELLED;
import static com.discoverytriage.conversation.ConversationStates.DECIDED;
import static com.discoverytriage.conversation.ConversationStates.REVIEW;
import static com.discoverytriage.conversation.ConversationStates.ROUTING;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.action.Action;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;

/**
 * Builds the conversation machine from the catalog: one state per question of every diagnostic, plus routing,
 * review, decided and cancelled. Which transition an event takes is decided by guards over the extended state
 * (the answers so far and the history of questions asked), so the machine itself holds nothing per prospect and
 * any pooled instance can serve any prospect once its context is restored.
 */
final class ConversationMachineFactory {

    private final DiagnosticCatalog catalog;
    private final Rules rules;

    ConversationMachineFactory(DiagnosticCatalog catalog, Rules rules) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    StateMachine<String, ConversationEvents> build() {
        try {
            StateMachineBuilder.Builder<String, ConversationEvents> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false).machineId("conversation");
            builder.configureStates().withStates().initial(ROUTING).states(states());
            StateMachineTransitionConfigurer<String, ConversationEvents> transitions = builder.configureTransitions();
            routing(transitions);
            for (Diagnostic diagnostic : diagnostics()) {
                questions(transitions, diagnostic);
            }
            review(transitions);
            decided(transitions);
            cancelled(transitions);
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the conversation state machine", e);
        }
    }

    /** The first state a new conversation is in: the diagnostic's first question, or routing. */
    String initialState(String diagnosticId) {
        return diagnosticId == null ? ROUTING : ConversationStates.first(catalog.require(diagnosticId));
    }

    /**
     * Where the conversation goes once {@code answers} include the answer to question {@code index}: the review
     * when a gate fires or nothing after it is unanswered, else the first unanswered question after it (answers
     * given before going back are kept).
     */
    String nextAfter(Diagnostic diagnostic, Map<String, String> answers, int index) {
        if (rules.firedGate(diagnostic, new Answers(answers)).isPresent()) {
            return REVIEW;
        }
        List<Question> questions = diagnostic.questions();
        for (int j = index + 1; j < questions.size(); j++) {
            if (!answers.containsKey(questions.get(j).id())) {
                return ConversationStates.question(diagnostic, questions.get(j));
            }
        }
        return REVIEW;
    }

    private List<Diagnostic> diagnostics() {
        return catalog.diagnostics().stream().filter(d -> !d.questions().isEmpty()).toList();
    }

    private Set<String> states() {
        Set<String> states = new LinkedHashSet<>(List.of(ROUTING, REVIEW, DECIDED, CANCELLED));
        for (Diagnostic diagnostic : diagnostics()) {
            for (Question question : diagnostic.questions()) {
                states.add(ConversationStates.question(diagnostic, question));
            }
        }
        return states;
    }

    private void routing(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        for (Diagnostic diagnostic : diagnostics()) {
            String first = ConversationStates.first(diagnostic);
            t.withExternal().source(ROUTING).target(first).event(ConversationEvents.ANSWER)
                    .guard(ctx -> AnswerParser.route(catalog.routing(), value(ctx))
                            .filter(diagnostic.id()::equals).isPresent())
                    .action(safe(ctx -> choose(ctx, diagnostic)));
        }
        restartTransitions(t, ROUTING);
        t.withExternal().source(ROUTING).target(CANCELLED).event(ConversationEvents.CANCEL)
                    .action(safe(ctx -> { }));
    }

    private void questions(StateMachineTransitionConfigurer<String, ConversationEvents> t, Diagnostic diagnostic)
            throws Exception {
        List<Question> questions = diagnostic.questions();
        String first = ConversationStates.first(diagnostic);
        for (int i = 0; i < questions.size(); i++) {
            int index = i;
            Question question = questions.get(i);
            String source = ConversationStates.question(diagnostic, question);
            List<String> forward = new ArrayList<>();
            for (int j = i + 1; j < questions.size(); j++) {
                forward.add(ConversationStates.question(diagnostic, questions.get(j)));
            }
            forward.add(REVIEW);
            for (String target : forward) {
                t.withExternal().source(source).target(target).event(ConversationEvents.ANSWER)
                        .guard(ctx -> target.equals(nextOnAnswer(ctx, diagnostic, index)))
                        .action(safe(ctx -> answer(ctx, diagnostic, index)));
            }
            List<String> backward = new ArrayList<>();
            backward.add(ROUTING);
            for (int j = 0; j < i; j++) {
                backward.add(ConversationStates.question(diagnostic, questions.get(j)));
            }
            for (String target : backward) {
                t.withExternal().source(source).target(target).event(ConversationEvents.BACK)
                        .guard(ctx -> target.equals(previous(ctx)))
                        .action(safe(ConversationMachineFactory::popHistory));
            }
            String restartAt = restartsAtRouting() ? ROUTING : first;
            t.withExternal().source(source).target(restartAt).event(ConversationEvents.RESTART)
                    .action(safe(ctx -> restart(ctx, restartAt)));
            t.withExternal().source(source).target(CANCELLED).event(ConversationEvents.CANCEL)
                    .action(safe(ctx -> { }));
        }
    }

    private void review(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        t.withExternal().source(REVIEW).target(DECIDED).event(ConversationEvents.CONFIRM)
                .action(safe(this::decide));
        backToLastQuestion(t, REVIEW);
        editTransitions(t, REVIEW);
        restartTransitions(t, REVIEW);
        t.withExternal().source(REVIEW).target(CANCELLED).event(ConversationEvents.CANCEL)
                    .action(safe(ctx -> { }));
    }

    private void decided(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        backToLastQuestion(t, DECIDED);
        editTransitions(t, DECIDED);
        restartTransitions(t, DECIDED);
    }

    private void cancelled(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        restartTransitions(t, CANCELLED);
    }

    /** From the review or the outcome, Back re-opens the last question asked. */
    private void backToLastQuestion(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        for (Diagnostic diagnostic : diagnostics()) {
            for (Question question : diagnostic.questions()) {
                String target = ConversationStates.question(diagnostic, question);
                t.withExternal().source(source).target(target).event(ConversationEvents.BACK)
                        .guard(ctx -> target.equals(last(ctx)))
                        .action(safe(ConversationMachineFactory::clearDecision));
            }
        }
    }

    /**
     * From the review or the outcome, Edit re-opens one answered question of the chosen diagnostic (named in the
     * event's value); answering it leads back to the review, so the outcome is scored again on confirm.
     */
    private void editTransitions(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        for (Diagnostic diagnostic : diagnostics()) {
            for (Question question : diagnostic.questions()) {
                String target = ConversationStates.question(diagnostic, question);
                t.withExternal().source(source).target(target).event(ConversationEvents.EDIT)
                        .guard(ctx -> question.id().equals(value(ctx))
                                && diagnostic.id().equals(variables(ctx).get(ConversationData.DIAGNOSTIC))
                                && answers(ctx).containsKey(question.id()))
                        .action(safe(ctx -> {
                            clearDecision(ctx);
                            history(ctx).add(target);
                        }));
            }
        }
    }

    /** True when Restart goes back to the routing question: there is more than one diagnostic to choose from. */
    private boolean restartsAtRouting() {
        return catalog.routing() != null && catalog.routing().routes().size() > 1;
    }

    /**
     * Restart goes back to the routing question, so the prospect can switch diagnostic; with a single diagnostic,
     * to its first question.
     */
    private void restartTransitions(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        if (restartsAtRouting()) {
            t.withExternal().source(source).target(ROUTING).event(ConversationEvents.RESTART)
                    .action(safe(ctx -> restart(ctx, ROUTING)));
            return;
        }
        for (Diagnostic diagnostic : diagnostics()) {
            String first = ConversationStates.first(diagnostic);
            t.withExternal().source(source).target(first).event(ConversationEvents.RESTART)
                    .guard(ctx -> diagnostic.id().equals(variables(ctx).get(ConversationData.DIAGNOSTIC)))
                    .action(safe(ctx -> restart(ctx, first)));
        }
        t.withExternal().source(source).target(ROUTING).event(ConversationEvents.RESTART)
                .guard(ctx -> variables(ctx).get(ConversationData.DIAGNOSTIC) == null)
                .action(safe(ctx -> restart(ctx, ROUTING)));
    }

    // --- guards' helpers (pure) ---

    private String nextOnAnswer(StateContext<String, ConversationEvents> ctx, Diagnostic diagnostic, int index) {
        Question question = diagnostic.questions().get(index);
        Optional<String> answer = AnswerParser.answer(question, value(ctx));
        if (answer.isEmpty()) {
            return null;
        }
        Map<String, String> answers = new java.util.LinkedHashMap<>(answers(ctx));
        answers.remove(question.id());
        answers.put(question.id(), answer.get());
        return nextAfter(diagnostic, answers, index);
    }

    private static String previous(StateContext<String, ConversationEvents> ctx) {
        List<String> history = history(ctx);
        return history.size() < 2 ? null : history.get(history.size() - 2);
    }

    private static String last(StateContext<String, ConversationEvents> ctx) {
        List<String> history = history(ctx);
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    // --- actions (change the extended state only; never send events) ---

    private static void choose(StateContext<String, ConversationEvents> ctx, Diagnostic diagnostic) {
        Map<Object, Object> variables = variables(ctx);
        if (!diagnostic.id().equals(variables.get(ConversationData.DIAGNOSTIC))) {
            answers(ctx).clear();
        }
        variables.put(ConversationData.DIAGNOSTIC, diagnostic.id());
        history(ctx).add(ConversationStates.first(diagnostic));
    }

    private void answer(StateContext<String, ConversationEvents> ctx, Diagnostic diagnostic, int index) {
        Question question = diagnostic.questions().get(index);
        String answer = AnswerParser.answer(question, value(ctx)).orElseThrow();
        Map<String, String> answers = answers(ctx);
        // a changed answer keeps its place, so every list of answers reads in the order asked
        answers.put(question.id(), answer);
        String next = nextAfter(diagnostic, answers, index);
        if (ConversationStates.isQuestion(next)) {
            history(ctx).add(next);
        }
    }

    private static void popHistory(StateContext<String, ConversationEvents> ctx) {
        List<String> history = history(ctx);
        history.remove(history.size() - 1);
    }

    private static void clearDecision(StateContext<String, ConversationEvents> ctx) {
        Map<Object, Object> variables = variables(ctx);
        variables.remove(ConversationData.FINISHED_AT);
        variables.remove(ConversationData.OUTCOME_KIND);
        variables.remove(ConversationData.OUTCOME_ID);
    }

    private static void restart(StateContext<String, ConversationEvents> ctx, String first) {
        Map<Object, Object> variables = variables(ctx);
        if (ROUTING.equals(first)) {
            variables.remove(ConversationData.DIAGNOSTIC);
        }
        answers(ctx).clear();
        List<String> history = history(ctx);
        history.clear();
        history.add(first);
        variables.put(ConversationData.TRIAGE_ID, UUID.randomUUID().toString());
        variables.put(ConversationData.STARTED_AT, now(ctx));
        clearDecision(ctx);
    }

    private void decide(StateContext<String, ConversationEvents> ctx) {
        Map<Object, Object> variables = variables(ctx);
        Diagnostic diagnostic = catalog.require((String) variables.get(ConversationData.DIAGNOSTIC));
        Evaluation evaluation = rules.evaluate(diagnostic, new Answers(answers(ctx)));
        variables.put(ConversationData.OUTCOME_KIND, evaluation.outcome().kind().id());
        variables.put(ConversationData.OUTCOME_ID, evaluation.outcome().id());
        variables.put(ConversationData.FINISHED_AT, now(ctx));
    }

    /**
     * Every transition runs its action through here. It marks the extended state as changed: an event is reported
     * ACCEPTED as soon as the state has a transition for it, even when every guard then says no, so the mark is
     * what tells the service a transition really happened. An action that throws must not leave a half-applied
     * change behind: the service checks the error flag.
     */
    private static Action<String, ConversationEvents> safe(Action<String, ConversationEvents> action) {
        return ctx -> {
            try {
                variables(ctx).put(ConversationData.TRANSITIONED, Boolean.TRUE);
                action.execute(ctx);
            } catch (RuntimeException e) {
                variables(ctx).put(ConversationData.ERROR, e);
            }
        };
    }

    // --- extended state access ---

    private static Map<Object, Object> variables(StateContext<String, ConversationEvents> ctx) {
        return ctx.getExtendedState().getVariables();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> answers(StateContext<String, ConversationEvents> ctx) {
        return (Map<String, String>) variables(ctx).get(ConversationData.ANSWERS);
    }

    @SuppressWarnings("unchecked")
    private static List<String> history(StateContext<String, ConversationEvents> ctx) {
        return (List<String>) variables(ctx).get(ConversationData.HISTORY);
    }

    private static String value(StateContext<String, ConversationEvents> ctx) {
        Object value = ctx.getMessageHeader(ConversationEvents.VALUE);
        return value == null ? null : value.toString();
    }

    private static Instant now(StateContext<String, ConversationEvents> ctx) {
        Object now = ctx.getMessageHeader(ConversationEvents.NOW);
        return now instanceof Instant instant ? instant : Instant.now();
    }
}
