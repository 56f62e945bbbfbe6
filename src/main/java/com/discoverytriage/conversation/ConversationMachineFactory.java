package com.discoverytriage.conversation;

import static com.discoverytriage.conversation.ConversationStates.ASKING;
import static com.discoverytriage.conversation.ConversationStates.CANCELLED;
import static com.discoverytriage.conversation.ConversationStates.DECIDED;
import static com.discoverytriage.conversation.ConversationStates.REVIEW;
import static com.discoverytriage.conversation.ConversationStates.ROUTING;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.statemachine.StateContext;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineContext;
import org.springframework.statemachine.action.Action;
import org.springframework.statemachine.config.StateMachineBuilder;
import org.springframework.statemachine.config.builders.StateMachineTransitionConfigurer;
import org.springframework.statemachine.support.DefaultExtendedState;
import org.springframework.statemachine.support.DefaultStateMachineContext;

/**
 * Builds the conversation machine: one state per phase (routing, asking, review, decided, cancelled) and two
 * choice pseudo-states, whatever the catalog holds. Which question is asked is not a state but the <em>cursor</em>
 * in the extended state ({@link ConversationData#CURSOR}, the question's stored state id). Answering moves the
 * cursor to the next unanswered question (an internal transition of the asking state), or on to the review; Back
 * moves it to the previous question asked, or to routing (a choice). So every state has a fixed number of transitions and an event costs the same for a diagnostic of 80
 * questions as for one of 10. Jumping to any question (editing an answer from the review, say) is one more
 * transition that sets the cursor.
 *
 * <p>The machine holds nothing per prospect: any pooled instance serves any prospect once its context (phase and
 * extended state) is restored.
 */
final class ConversationMachineFactory {

    /** Choice after Back from a question: routing when the cursor went back to it, else the previous question. */
    static final String AFTER_BACK = "?back";
    /** Choice after Restart: the chosen diagnostic's first question, or routing when none is chosen. */
    static final String AFTER_RESTART = "?restart";

    private final DiagnosticCatalog catalog;
    private final Rules rules;
    /** Every question of the catalog by its stored state id: a guard finds the cursor's question in one look-up. */
    private final Map<String, Asked> questions = new HashMap<>();

    ConversationMachineFactory(DiagnosticCatalog catalog, Rules rules) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.rules = Objects.requireNonNull(rules, "rules");
        for (Diagnostic diagnostic : catalog.diagnostics()) {
            List<Question> list = diagnostic.questions();
            String[] states = new String[list.size()];
            for (int i = 0; i < states.length; i++) {
                states[i] = ConversationStates.question(diagnostic, list.get(i));
            }
            for (int i = 0; i < states.length; i++) {
                questions.put(states[i], new Asked(diagnostic, i, states));
            }
        }
    }

    /** A question in its diagnostic, with the state ids of all the diagnostic's questions (made once, not per answer). */
    private record Asked(Diagnostic diagnostic, int index, String[] states) {

        Question question() {
            return diagnostic.questions().get(index);
        }
    }

    StateMachine<String, ConversationEvents> build() {
        try {
            StateMachineBuilder.Builder<String, ConversationEvents> builder = StateMachineBuilder.builder();
            builder.configureConfiguration().withConfiguration().autoStartup(false).machineId("conversation");
            builder.configureStates().withStates().initial(ROUTING)
                    .states(Set.of(ROUTING, ASKING, REVIEW, DECIDED, CANCELLED))
                    .choice(AFTER_BACK).choice(AFTER_RESTART);
            StateMachineTransitionConfigurer<String, ConversationEvents> t = builder.configureTransitions();
            routing(t);
            asking(t);
            review(t);
            decided(t);
            cancelled(t);
            choices(t);
            return builder.build();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the conversation state machine", e);
        }
    }

    /** A machine built and started once: the pool resets it to each command's conversation, it is never stopped. */
    StateMachine<String, ConversationEvents> buildStarted() {
        StateMachine<String, ConversationEvents> machine = build();
        machine.startReactively().block();
        // Spring Statemachine tells machine listeners of every change to a variable, building a state context with
        // message headers for each; these machines have no listener, and a command changes a dozen variables
        machine.getExtendedState().setExtendedStateChangeListener(null);
        return machine;
    }

    /**
     * The machine context for a stored conversation: a question's stored state ({@code Q:<diagnostic>:<question>})
     * is the asking phase with the cursor on that question; every other stored state is the machine state itself.
     */
    static StateMachineContext<String, ConversationEvents> contextFor(String storedState, ConversationData data) {
        Map<Object, Object> variables = data.toVariables();
        variables.put(ConversationData.CURSOR, storedState);
        String phase = ConversationStates.isQuestion(storedState) ? ASKING : storedState;
        return new DefaultStateMachineContext<>(phase, null, null, new DefaultExtendedState(variables));
    }

    /**
     * Puts a started machine where the stored conversation stands. When the machine already is in that phase (the
     * usual case: answer after answer) only its extended state is swapped, as a reset would do it, which saves
     * Spring Statemachine's reset work; otherwise the machine is reset to {@link #contextFor the context}.
     */
    static void restore(StateMachine<String, ConversationEvents> machine, String storedState, ConversationData data) {
        String phase = ConversationStates.isQuestion(storedState) ? ASKING : storedState;
        if (machine.getState() != null && machine.getState().getId().equals(phase)) {
            Map<Object, Object> variables = machine.getExtendedState().getVariables();
            variables.clear();
            data.putVariables(variables);
            variables.put(ConversationData.CURSOR, storedState);
            return;
        }
        StateMachineContext<String, ConversationEvents> context = contextFor(storedState, data);
        machine.getStateMachineAccessor()
                .doWithAllRegions(access -> access.resetStateMachineReactively(context).block());
    }

    /** The state to store for where {@code machine} stands now: the cursor's question when asking. */
    static String storedState(StateMachine<String, ConversationEvents> machine) {
        String phase = machine.getState().getId();
        return ASKING.equals(phase) ? (String) machine.getExtendedState().getVariables().get(ConversationData.CURSOR)
                : phase;
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
        if (gateFired(diagnostic, answers)) {
            return REVIEW;
        }
        List<Question> list = diagnostic.questions();
        for (int j = index + 1; j < list.size(); j++) {
            if (!answers.containsKey(list.get(j).id())) {
                return ConversationStates.question(diagnostic, list.get(j));
            }
        }
        return REVIEW;
    }

    /**
     * Whether a gate fires, asked of the rules with the gate questions' answers only (a gate fires on its own
     * question's answer), so the check does not copy every answer of a long diagnostic on each answer.
     */
    private boolean gateFired(Diagnostic diagnostic, Map<String, String> answers) {
        return gateFired(diagnostic, answers, null, null);
    }

    /** As {@link #gateFired(Diagnostic, Map)} with {@code questionId} answered {@code answer} (null: as stored). */
    private boolean gateFired(Diagnostic diagnostic, Map<String, String> answers, String questionId, String answer) {
        if (diagnostic.gates().isEmpty()) {
            return false;
        }
        Map<String, String> gateAnswers = new HashMap<>();
        for (Gate gate : diagnostic.gates()) {
            String given = gate.question().equals(questionId) ? answer : answers.get(gate.question());
            if (given != null) {
                gateAnswers.put(gate.question(), given);
            }
        }
        return !gateAnswers.isEmpty() && rules.firedGate(diagnostic, new Answers(gateAnswers)).isPresent();
    }

    /**
     * {@link #nextAfter} once the cursor's question is answered {@code answer}, without changing {@code answers}
     * (the state ids are made once per diagnostic).
     */
    private String nextAfter(Asked asked, Map<String, String> answers, String answer) {
        Diagnostic diagnostic = asked.diagnostic();
        if (gateFired(diagnostic, answers, asked.question().id(), answer)) {
            return REVIEW;
        }
        List<Question> list = diagnostic.questions();
        for (int j = asked.index() + 1; j < list.size(); j++) {
            if (!answers.containsKey(list.get(j).id())) {
                return asked.states()[j];
            }
        }
        return REVIEW;
    }

    private void routing(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        t.withExternal().source(ROUTING).target(ASKING).event(ConversationEvents.ANSWER)
                .guard(ctx -> routed(ctx).isPresent())
                .action(safe(ctx -> choose(ctx, routed(ctx).orElseThrow())));
        restartFrom(t, ROUTING);
        cancelFrom(t, ROUTING);
    }

    private void asking(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        // the hot path: the next question is the same state with the cursor moved, so no exit and no entry
        t.withInternal().source(ASKING).event(ConversationEvents.ANSWER)
                .guard(ctx -> ConversationStates.isQuestion(nextOnAnswer(ctx)))
                .action(safe(this::answer));
        t.withExternal().source(ASKING).target(REVIEW).event(ConversationEvents.ANSWER)
                .guard(ctx -> REVIEW.equals(nextOnAnswer(ctx)))
                .action(safe(this::answer));
        t.withExternal().source(ASKING).target(AFTER_BACK).event(ConversationEvents.BACK)
                .guard(ctx -> previous(ctx).filter(p -> ROUTING.equals(p) || known(p)).isPresent())
                .action(safe(ConversationMachineFactory::stepBack));
        restartFrom(t, ASKING);
        cancelFrom(t, ASKING);
    }

    private void review(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        t.withExternal().source(REVIEW).target(DECIDED).event(ConversationEvents.CONFIRM)
                .action(safe(this::decide));
        backToLastQuestion(t, REVIEW);
        editFrom(t, REVIEW);
        restartFrom(t, REVIEW);
        cancelFrom(t, REVIEW);
    }

    private void decided(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        backToLastQuestion(t, DECIDED);
        editFrom(t, DECIDED);
        restartFrom(t, DECIDED);
    }

    private void cancelled(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        restartFrom(t, CANCELLED);
    }

    private void choices(StateMachineTransitionConfigurer<String, ConversationEvents> t) throws Exception {
        t.withChoice().source(AFTER_BACK)
                .first(ROUTING, ctx -> ROUTING.equals(cursor(ctx)))
                .last(ASKING);
        t.withChoice().source(AFTER_RESTART)
                .first(ASKING, ctx -> variables(ctx).get(ConversationData.DIAGNOSTIC) != null)
                .last(ROUTING);
    }

    /** From the review or the outcome, Back re-opens the last question asked. */
    private void backToLastQuestion(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        t.withExternal().source(source).target(ASKING).event(ConversationEvents.BACK)
                .guard(ctx -> last(ctx).filter(this::known).isPresent())
                .action(safe(ctx -> {
                    clearDecision(ctx);
                    variables(ctx).put(ConversationData.CURSOR, last(ctx).orElseThrow());
                }));
    }

    /**
     * From the review or the outcome, Edit puts the cursor on one answered question of the chosen diagnostic (named
     * in the event's value); answering it leads back to the review, so the outcome is scored again on confirm.
     */
    private void editFrom(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        t.withExternal().source(source).target(ASKING).event(ConversationEvents.EDIT)
                .guard(ctx -> editable(ctx).isPresent())
                .action(safe(ctx -> {
                    String question = editable(ctx).orElseThrow();
                    clearDecision(ctx);
                    moveTo(ctx, question);
                }));
    }

    /** The stored state of the answered question an Edit event names, if the chosen diagnostic has it. */
    private Optional<String> editable(StateContext<String, ConversationEvents> ctx) {
        Object diagnosticId = variables(ctx).get(ConversationData.DIAGNOSTIC);
        String questionId = value(ctx);
        if (diagnosticId == null || questionId == null || !answers(ctx).containsKey(questionId)) {
            return Optional.empty();
        }
        return Optional.of(ConversationStates.question((String) diagnosticId, questionId)).filter(this::known);
    }

    /** True when Restart goes back to the routing question: there is more than one diagnostic to choose from. */
    private boolean restartsAtRouting() {
        return catalog.routing() != null && catalog.routing().routes().size() > 1;
    }

    /**
     * Restart goes back to the routing question, so the prospect can switch diagnostic; with a single diagnostic
     * (or none chosen yet), as the choice decides: the chosen diagnostic's first question, or routing.
     */
    private void restartFrom(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        t.withExternal().source(source).target(AFTER_RESTART).event(ConversationEvents.RESTART)
                .action(safe(this::restart));
    }

    private static void cancelFrom(StateMachineTransitionConfigurer<String, ConversationEvents> t, String source)
            throws Exception {
        t.withExternal().source(source).target(CANCELLED).event(ConversationEvents.CANCEL)
                .action(safe(ctx -> { }));
    }

    // --- guards' helpers (pure) ---

    private Optional<Diagnostic> routed(StateContext<String, ConversationEvents> ctx) {
        return AnswerParser.route(catalog.routing(), value(ctx))
                .flatMap(catalog::find)
                .filter(d -> !d.questions().isEmpty());
    }

    /**
     * Where an answer event leads (a question's state id or the review), or an empty string when the value does not
     * answer the cursor's question. Reads the extended state without changing it.
     */
    private String nextOnAnswer(StateContext<String, ConversationEvents> ctx) {
        Asked asked = asked(ctx);
        if (asked == null) {
            return "";
        }
        Optional<String> answer = AnswerParser.answer(asked.question(), value(ctx));
        return answer.isEmpty() ? "" : nextAfter(asked, answers(ctx), answer.get());
    }

    private Asked asked(StateContext<String, ConversationEvents> ctx) {
        String cursor = cursor(ctx);
        return cursor == null ? null : questions.get(cursor);
    }

    private boolean known(String state) {
        return questions.containsKey(state);
    }

    private static Optional<String> previous(StateContext<String, ConversationEvents> ctx) {
        List<String> history = history(ctx);
        return history.size() < 2 ? Optional.empty() : Optional.of(history.get(history.size() - 2));
    }

    private static Optional<String> last(StateContext<String, ConversationEvents> ctx) {
        List<String> history = history(ctx);
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }

    // --- actions (change the extended state only; never send events) ---

    private static void choose(StateContext<String, ConversationEvents> ctx, Diagnostic diagnostic) {
        Map<Object, Object> variables = variables(ctx);
        if (!diagnostic.id().equals(variables.get(ConversationData.DIAGNOSTIC))) {
            answers(ctx).clear();
        }
        variables.put(ConversationData.DIAGNOSTIC, diagnostic.id());
        moveTo(ctx, ConversationStates.first(diagnostic));
    }

    /** Records the answer to the cursor's question and moves the cursor on: a question, or the review. */
    private void answer(StateContext<String, ConversationEvents> ctx) {
        Asked asked = Objects.requireNonNull(asked(ctx), "no question at the cursor");
        Question question = asked.question();
        String answer = AnswerParser.answer(question, value(ctx)).orElseThrow();
        Map<String, String> answers = answers(ctx);
        // a changed answer keeps its place, so every list of answers reads in the order asked
        answers.put(question.id(), answer);
        String next = nextAfter(asked, answers, answer);
        if (ConversationStates.isQuestion(next)) {
            moveTo(ctx, next);
        } else {
            variables(ctx).put(ConversationData.CURSOR, next);
        }
    }

    /** Back from a question: the cursor goes to the question asked before it, or to routing. */
    private static void stepBack(StateContext<String, ConversationEvents> ctx) {
        List<String> history = history(ctx);
        history.remove(history.size() - 1);
        variables(ctx).put(ConversationData.CURSOR, history.get(history.size() - 1));
    }

    private static void moveTo(StateContext<String, ConversationEvents> ctx, String question) {
        history(ctx).add(question);
        variables(ctx).put(ConversationData.CURSOR, question);
    }

    private static void clearDecision(StateContext<String, ConversationEvents> ctx) {
        Map<Object, Object> variables = variables(ctx);
        variables.remove(ConversationData.FINISHED_AT);
        variables.remove(ConversationData.OUTCOME_KIND);
        variables.remove(ConversationData.OUTCOME_ID);
    }

    private void restart(StateContext<String, ConversationEvents> ctx) {
        Map<Object, Object> variables = variables(ctx);
        if (restartsAtRouting()) {
            variables.remove(ConversationData.DIAGNOSTIC);
        }
        Object diagnosticId = variables.get(ConversationData.DIAGNOSTIC);
        String first = diagnosticId == null ? ROUTING : initialState((String) diagnosticId);
        answers(ctx).clear();
        List<String> history = history(ctx);
        history.clear();
        history.add(first);
        variables.put(ConversationData.CURSOR, first);
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

    private static String cursor(StateContext<String, ConversationEvents> ctx) {
        return (String) variables(ctx).get(ConversationData.CURSOR);
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
