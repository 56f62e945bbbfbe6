package com.discoverytriage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.scoring.Rules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineContext;
import org.springframework.statemachine.test.StateMachineTestPlanBuilder;

@DisplayName("The conversation state machine on its own")
class ConversationMachineTest {

    private final ConversationMachineFactory factory =
            new ConversationMachineFactory(TestCatalogs.standard(), new Rules());

    private static Message<ConversationEvents> answer(String value) {
        return MessageBuilder.withPayload(ConversationEvents.ANSWER)
                .setHeader(ConversationEvents.VALUE, value)
                .setHeader(ConversationEvents.NOW, Instant.EPOCH)
                .build();
    }

    private static StateMachine<String, ConversationEvents> restoredAt(StateMachine<String, ConversationEvents> machine,
            String state) {
        ConversationData data = new ConversationData("t-1", null, Map.of(), List.of(state), Instant.EPOCH, null, null,
                null);
        StateMachineContext<String, ConversationEvents> context = ConversationMachineFactory.contextFor(state, data);
        machine.getStateMachineAccessor().doWithAllRegions(a -> a.resetStateMachineReactively(context).block());
        return machine;
    }

    @Test
    @DisplayName("routing, answer, odd answer, wrong event, back and restart, step by step")
    void plan() throws Exception {
        // given
        StateMachine<String, ConversationEvents> machine = restoredAt(factory.build(), ConversationStates.ROUTING);
        String p1 = ConversationStates.question("product", "p1");
        String p2 = ConversationStates.question("product", "p2");

        // when / then
        StateMachineTestPlanBuilder.<String, ConversationEvents>builder()
                .defaultAwaitTime(2)
                .stateMachine(machine)
                .step()
                    .expectState(ConversationStates.ROUTING)
                    .and()
                .step()
                    .sendEvent(answer("product"))
                    .expectStateChanged(1)
                    .expectState(ConversationStates.ASKING)
                    .expectVariable(ConversationData.CURSOR, p1)
                    .expectVariable(ConversationData.DIAGNOSTIC, "product")
                    .and()
                .step()
                    .sendEvent(answer("yes"))
                    .expectTransition(1) // the next question: the cursor moves, the state stays
                    .expectState(ConversationStates.ASKING)
                    .expectVariable(ConversationData.CURSOR, p2)
                    .expectVariable(ConversationData.ANSWERS, Map.of("p1", "yes"))
                    .and()
                .step()
                    .sendEvent(answer("banana"))
                    .expectState(ConversationStates.ASKING)
                    .expectVariable(ConversationData.CURSOR, p2)
                    .expectVariable(ConversationData.ANSWERS, Map.of("p1", "yes"))
                    .and()
                .step()
                    .sendEvent(ConversationEvents.CONFIRM)
                    .expectEventNotAccepted(1)
                    .expectState(ConversationStates.ASKING)
                    .expectVariable(ConversationData.CURSOR, p2)
                    .and()
                .step()
                    .sendEvent(ConversationEvents.BACK)
                    .expectStateChanged(1)
                    .expectState(ConversationStates.ASKING)
                    .expectVariable(ConversationData.CURSOR, p1)
                    .expectVariable(ConversationData.HISTORY, List.of(ConversationStates.ROUTING, p1))
                    .and()
                .step()
                    .sendEvent(ConversationEvents.RESTART)
                    .expectState(ConversationStates.ASKING)
                    .expectVariable(ConversationData.CURSOR, p1)
                    .expectVariable(ConversationData.ANSWERS, Map.of())
                    .expectVariable(ConversationData.HISTORY, List.of(p1))
                    .and()
                .build()
                .test();
        assertThat(machine.getExtendedState().getVariables().get(ConversationData.TRIAGE_ID)).isNotEqualTo("t-1");
    }

    @Test
    @DisplayName("given diagnostics of 10 and 80 questions, when the machine is built, then no state has more transitions")
    void transitionsPerStateDoNotGrowWithQuestions() {
        // when
        Map<String, Long> ten = transitionsPerState(new ConversationMachineFactory(TestCatalogs.ofSize(10), new Rules()));
        Map<String, Long> eighty =
                transitionsPerState(new ConversationMachineFactory(TestCatalogs.ofSize(80), new Rules()));

        // then: the same states with the same number of transitions each, whatever the diagnostic's size
        assertThat(eighty.values().stream().mapToLong(Long::longValue).max())
                .as("most transitions of one state, 80 questions").isEqualTo(
                        ten.values().stream().mapToLong(Long::longValue).max());
        assertThat(eighty).as("transitions per state").isEqualTo(ten);
        assertThat(ten.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(6L));
    }

    private static Map<String, Long> transitionsPerState(ConversationMachineFactory factory) {
        return factory.build().getTransitions().stream()
                .collect(Collectors.groupingBy(t -> t.getSource().getId(), TreeMap::new, Collectors.counting()));
    }

    @Test
    @DisplayName("a gate answered so that it fires leads straight to the review")
    void gateToReview() throws Exception {
        // given
        String gate = ConversationStates.question("product", "pmf");
        StateMachine<String, ConversationEvents> machine = restoredAt(factory.build(), gate);
        machine.getExtendedState().getVariables().put(ConversationData.DIAGNOSTIC, "product");

        // when / then
        StateMachineTestPlanBuilder.<String, ConversationEvents>builder()
                .defaultAwaitTime(2)
                .stateMachine(machine)
                .step().expectState(ConversationStates.ASKING).expectVariable(ConversationData.CURSOR, gate).and()
                .step().sendEvent(answer("yes")).expectStateChanged(1).expectState(ConversationStates.REVIEW).and()
                .step().sendEvent(ConversationEvents.CONFIRM).expectState(ConversationStates.DECIDED)
                    .expectVariable(ConversationData.OUTCOME_ID, "find-fit").and()
                .build()
                .test();
    }
}
