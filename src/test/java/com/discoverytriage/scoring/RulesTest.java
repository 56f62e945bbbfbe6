package com.discoverytriage.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules over the real conversation files. Expectations come from the seed thresholds written here, not from
 * the files' band lists: a band edited away from the seeds makes these tests fail.
 */
@DisplayName("Rules over the real conversation files")
class RulesTest {

    private static final DiagnosticCatalog CATALOG = new DiagnosticLoader().load(Path.of("conversations"));
    private static final Diagnostic PRODUCT = CATALOG.require("product-leadership");
    private static final Diagnostic TECHNOLOGY = CATALOG.require("technology-leadership");
    private final Rules rules = new Rules();

    // Seed 000: 5+ yes -> fractional engagement; 2-3 -> the problem sits at another layer; 0-1 -> the product
    // organisation functions. The seed leaves 4 open; the file decides: book, framed as borderline.
    private static final int PRODUCT_SIGNALS = 9;

    private static Expected productExpectation(int yes) {
        if (yes >= 5) {
            return new Expected(OutcomeKind.BOOK, "strategy-call");
        }
        if (yes == 4) {
            return new Expected(OutcomeKind.BOOK, "borderline-call");
        }
        if (yes >= 2) {
            return new Expected(OutcomeKind.ALTERNATIVE, "another-layer");
        }
        return new Expected(OutcomeKind.ALTERNATIVE, "functioning");
    }

    // Seed 002: two or more of the three checks true -> book the call; otherwise an alternative (baseline first).
    private static final int TECHNOLOGY_CHECKS = 3;

    private static Expected technologyExpectation(int yes) {
        return yes >= 2
                ? new Expected(OutcomeKind.BOOK, "strategy-call")
                : new Expected(OutcomeKind.ALTERNATIVE, "baseline-first");
    }

    record Expected(OutcomeKind kind, String id) {
    }

    static Stream<Arguments> productCounts() {
        return IntStream.rangeClosed(0, PRODUCT_SIGNALS).boxed()
                .flatMap(yes -> Stream.of(Arguments.of(yes, true), Arguments.of(yes, false)));
    }

    // Seed 000's three situations, each of three signs. A prospect fully in one of them books the call (its
    // closing words send each situation to a discovery conversation), whatever the count.
    private static final List<List<String>> SITUATIONS = List.of(
            List.of("activity-updates", "teams-pull-apart", "no-clear-bet"),
            List.of("leader-gone", "ceo-covering", "decisions-stalling"),
            List.of("outgrown-informal", "escalates-to-ceo", "unclear-ownership"));

    /** The nine signals taken one from each situation in turn, so that no situation is complete below 7 yes. */
    private static List<String> acrossSituations() {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (List<String> situation : SITUATIONS) {
                order.add(situation.get(i));
            }
        }
        return order;
    }

    @ParameterizedTest(name = "{0} of 9 yes (first ones: {1})")
    @MethodSource("productCounts")
    @DisplayName("product leadership: every yes count with no situation complete ends where seed 000 says")
    void productBands(int yes, boolean fromStart) {
        assertThat(PRODUCT.counted()).hasSize(PRODUCT_SIGNALS);
        Answers answers = allGatesNo(PRODUCT, signals(acrossSituations(), yes, fromStart));

        Evaluation evaluation = rules.evaluate(PRODUCT, answers);

        Expected expected = productExpectation(yes);
        assertThat(evaluation.outcome().kind()).isEqualTo(expected.kind());
        assertThat(evaluation.outcome().id()).isEqualTo(expected.id());
        assertThat(evaluation.signals().yes()).isEqualTo(yes);
        assertThat(evaluation.firedGates()).isEmpty();
    }

    static Stream<Arguments> situations() {
        return IntStream.range(0, 3).boxed().map(i -> Arguments.of(i, SITUATIONS.get(i)));
    }

    @ParameterizedTest(name = "situation {0}: {1}")
    @MethodSource("situations")
    @DisplayName("product leadership: a prospect fully in one of seed 000's three situations books the call, named")
    void fullSituationBooks(int index, List<String> situation) {
        Evaluation evaluation = rules.evaluate(PRODUCT, allGatesNo(PRODUCT, yesTo(situation)));

        assertThat(evaluation.outcome().isBook()).isTrue();
        assertThat(evaluation.outcome().rule()).startsWith("fit ");
        String title = PRODUCT.fitRules().get(index).title();
        assertThat(evaluation.outcome().reasons()).anySatisfy(r -> assertThat(r).contains(title));
        assertThat(PRODUCT.profiles().get(index).title()).isEqualTo(title);
        // two of its three signs are not the situation: the count decides (2 yes: another layer)
        Evaluation partial = rules.evaluate(PRODUCT, allGatesNo(PRODUCT, yesTo(situation.subList(0, 2))));
        assertThat(partial.outcome().id()).isEqualTo("another-layer");
    }

    @Test
    @DisplayName("product leadership: 4 yes books the call, and its headline and reason both say borderline")
    void productFourIsBorderlineBook() {
        Evaluation four = rules.evaluate(PRODUCT, allGatesNo(PRODUCT, signals(acrossSituations(), 4, true)));
        Evaluation five = rules.evaluate(PRODUCT, allGatesNo(PRODUCT, signals(acrossSituations(), 5, true)));

        assertThat(four.outcome().isBook()).isTrue();
        assertThat(four.outcome().reasons().get(0)).contains("borderline", "call");
        assertThat(four.outcome().why()).contains("borderline").doesNotContain("looks like the product leadership gap");
        assertThat(five.outcome().reasons().get(0)).doesNotContain("borderline");
        assertThat(five.outcome().why()).doesNotContain("borderline");
    }

    static Stream<Arguments> technologyCounts() {
        return IntStream.rangeClosed(0, TECHNOLOGY_CHECKS).boxed()
                .flatMap(yes -> Stream.of(Arguments.of(yes, true), Arguments.of(yes, false)));
    }

    @ParameterizedTest(name = "{0} of 3 checks true (first ones: {1})")
    @MethodSource("technologyCounts")
    @DisplayName("technology leadership: every count of the three checks ends where seed 002 says")
    void technologyBands(int yes, boolean fromStart) {
        assertThat(TECHNOLOGY.counted()).hasSize(TECHNOLOGY_CHECKS);
        Answers answers = allGatesNo(TECHNOLOGY, signals(TECHNOLOGY.counted(), yes, fromStart));

        Evaluation evaluation = rules.evaluate(TECHNOLOGY, answers);

        Expected expected = technologyExpectation(yes);
        assertThat(evaluation.outcome().kind()).isEqualTo(expected.kind());
        assertThat(evaluation.outcome().id()).isEqualTo(expected.id());
    }

    // Seed 003: five signals; "any of these is a signal", "multiple of these together" mean business risk.
    private static final List<String> SEED_003_SIGNALS = List.of("ceo-decides-tech", "vendors-unmanaged",
            "no-senior-oversight", "platform-unassessed", "ai-unconnected");

    static Stream<Arguments> seed003Pairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (int i = 0; i < SEED_003_SIGNALS.size(); i++) {
            for (int j = i + 1; j < SEED_003_SIGNALS.size(); j++) {
                pairs.add(Arguments.of(List.of(SEED_003_SIGNALS.get(i), SEED_003_SIGNALS.get(j))));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seed003Pairs")
    @DisplayName("technology leadership: any two of seed 003's signals together book the call, with no check true")
    void twoSeed003SignalsBook(List<String> pair) {
        Evaluation evaluation = rules.evaluate(TECHNOLOGY, allGatesNo(TECHNOLOGY, yesTo(pair)));

        assertThat(evaluation.outcome().isBook()).isTrue();
        assertThat(evaluation.outcome().rule()).isEqualTo("fit seed-003-signals");
    }

    @Test
    @DisplayName("technology leadership: one of seed 003's signals alone is a warning, not yet the call")
    void oneSeed003SignalDoesNotBook() {
        for (String signal : SEED_003_SIGNALS) {
            Evaluation evaluation = rules.evaluate(TECHNOLOGY, allGatesNo(TECHNOLOGY, yesTo(List.of(signal))));

            assertThat(evaluation.outcome().id()).as(signal).isEqualTo("baseline-first");
            assertThat(evaluation.outcome().reasons()).as(signal)
                    .contains("Also yes: " + question(TECHNOLOGY, signal).text());
        }
    }

    @Test
    @DisplayName("technology leadership: the reasons account for all six yes answers, not \"1 of 3\"")
    void reasonsAccountForEverySignal() {
        List<String> yes = List.of("firefighting", "ceo-decides-tech", "busy-but-uneven", "tech-debt-blocking",
                "risk-unowned", "bridge-to-hire");

        Map<String, String> values = new LinkedHashMap<>();
        TECHNOLOGY.signals().forEach(id -> values.put(id, yes.contains(id) ? "yes" : "no"));

        Evaluation evaluation = rules.evaluate(TECHNOLOGY, allGatesNo(TECHNOLOGY, values));

        assertThat(evaluation.signals().yes()).isEqualTo(6);
        List<String> reasons = evaluation.outcome().reasons();
        assertThat(String.join("\n", reasons)).doesNotContain("1 of 3");
        for (String id : yes) {
            assertThat(reasons).anySatisfy(r -> assertThat(r).endsWith(question(TECHNOLOGY, id).text()));
        }
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("no to " + (TECHNOLOGY.signals().size() - 6)));
    }

    static Stream<Arguments> everyGate() {
        return CATALOG.diagnostics().stream()
                .flatMap(d -> d.gates().stream().map(g -> Arguments.of(d.id(), g.id())));
    }

    @Test
    @DisplayName("the files hold the gates the seeds name")
    void gatesFromTheSeeds() {
        assertThat(PRODUCT.gates()).extracting(Gate::id).containsExactly("before-product-market-fit",
                "too-large-for-fractional", "execution-capacity", "scope-undefined", "validation-only");
        assertThat(TECHNOLOGY.gates()).extracting(Gate::id).containsExactly("mentoring-not-ownership",
                "implementation-capacity", "task-coordination", "staff-or-vendor", "stable-needs-full-time");
        assertThat(TECHNOLOGY.gates()).extracting(Gate::outcome).containsExactly("find-a-mentor", "hire-engineers",
                "engineering-manager", "outside-capacity", "full-time-cto");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyGate")
    @DisplayName("every gate leads to its alternative even when every signal is yes")
    void gateFiresWhateverTheCount(String diagnosticId, String gateId) {
        Diagnostic diagnostic = CATALOG.require(diagnosticId);
        Gate gate = gate(diagnostic, gateId);
        Map<String, String> values = signals(diagnostic.counted(), diagnostic.counted().size(), true);
        Answers answers = allGatesNo(diagnostic, values).with(gate.question(), gate.when().id());

        Evaluation evaluation = rules.evaluate(diagnostic, answers);

        assertThat(evaluation.outcome().kind()).isEqualTo(OutcomeKind.ALTERNATIVE);
        assertThat(evaluation.outcome().id()).isEqualTo(gate.outcome());
        assertThat(evaluation.outcome().rule()).isEqualTo("gate " + gateId);
        assertThat(evaluation.firedGates()).containsExactly(gateId);
        assertThat(evaluation.outcome().nextStep()).isNotBlank();
        assertThat(evaluation.outcome().reasons()).contains(gate.reason())
                .anySatisfy(r -> assertThat(r).contains(question(diagnostic, gate.question()).text()));
        assertThat(rules.firedGate(diagnostic, answers)).contains(gate);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyGate")
    @DisplayName("a gate answered the other way, or not sure, does not fire")
    void gateDoesNotFireOtherwise(String diagnosticId, String gateId) {
        Diagnostic diagnostic = CATALOG.require(diagnosticId);
        Gate gate = gate(diagnostic, gateId);
        Map<String, String> values = signals(diagnostic.counted(), diagnostic.counted().size(), true);
        for (Reply other : Reply.values()) {
            if (other == gate.when()) {
                continue;
            }
            Answers answers = allGatesNo(diagnostic, values).with(gate.question(), other.id());

            Evaluation evaluation = rules.evaluate(diagnostic, answers);

            assertThat(evaluation.firedGates()).doesNotContain(gateId);
            assertThat(evaluation.outcome().isBook()).as("all signals yes, answer %s", other).isTrue();
        }
    }

    @Test
    @DisplayName("not sure counts as no, and the questions are listed for the call")
    void notSureCountsAsNo() {
        List<String> checks = TECHNOLOGY.counted();
        Answers answers = allGatesNo(TECHNOLOGY, Map.of(checks.get(0), "yes", checks.get(1), "unsure", checks.get(2), "no"));

        Evaluation evaluation = rules.evaluate(TECHNOLOGY, answers);

        // two "true" if not sure counted as yes; it does not
        assertThat(evaluation.outcome().kind()).isEqualTo(OutcomeKind.ALTERNATIVE);
        assertThat(evaluation.signals().yes()).isEqualTo(1);
        assertThat(evaluation.signals().unsure()).isEqualTo(1);
        assertThat(evaluation.signals().unsureQuestions()).containsExactly(checks.get(1));
        assertThat(evaluation.outcome().reasons())
                .contains("Not sure: " + question(TECHNOLOGY, checks.get(1)).text())
                .anySatisfy(r -> assertThat(r).contains("not sure", "counts as no"));
    }

    @Test
    @DisplayName("not sure on a gate question does not fire the gate but is listed for the call")
    void notSureOnGateIsListed() {
        Gate gate = PRODUCT.gates().get(0);
        Answers answers = allGatesNo(PRODUCT, signals(PRODUCT.counted(), 6, true)).with(gate.question(), "unsure");

        Evaluation evaluation = rules.evaluate(PRODUCT, answers);

        assertThat(evaluation.outcome().isBook()).isTrue();
        assertThat(evaluation.outcome().reasons()).contains("Not sure: " + question(PRODUCT, gate.question()).text());
        // one rule for "not sure": the count the JSON and the card show is the number the reasons give
        assertThat(evaluation.signals().unsure()).isEqualTo(1);
        assertThat(evaluation.signals().unsureQuestions()).containsExactly(gate.question());
        assertThat(evaluation.outcome().reasons()).anySatisfy(r -> assertThat(r).startsWith("You were not sure about 1 question"));
    }

    @Test
    @DisplayName("unanswered signals count as no")
    void unansweredCountsAsNo() {
        String first = PRODUCT.counted().get(0);

        Evaluation evaluation = rules.evaluate(PRODUCT, new Answers(Map.of(first, "yes")));

        assertThat(evaluation.outcome().id()).isEqualTo(productExpectation(1).id());
        assertThat(evaluation.signals().yes()).isEqualTo(1);
        assertThat(evaluation.signals().no()).isEqualTo(PRODUCT_SIGNALS - 1);
        assertThat(evaluation.signals().unsure()).isZero();
    }

    @Test
    @DisplayName("with no answers at all, each diagnostic still ends in an alternative with reasons")
    void noAnswers() {
        for (Diagnostic diagnostic : CATALOG.diagnostics()) {
            Evaluation evaluation = rules.evaluate(diagnostic, Answers.NONE);

            assertThat(evaluation.outcome().kind()).isEqualTo(OutcomeKind.ALTERNATIVE);
            assertThat(evaluation.outcome().reasons()).isNotEmpty();
            assertThat(evaluation.matchedProfile()).isEmpty();
        }
    }

    @Test
    @DisplayName("a band's reasons give the rule and every yes answer in the prospect's words")
    void reasonsMentionTheAnswers() {
        List<String> order = acrossSituations();
        Map<String, String> values = signals(order, 5, true);

        Evaluation evaluation = rules.evaluate(PRODUCT, allGatesNo(PRODUCT, values));

        List<String> reasons = evaluation.outcome().reasons();
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("yes to 5 of the 9 signs"));
        assertThat(reasons).contains("You said no to 4 signs.");
        for (String id : order.subList(0, 5)) {
            assertThat(reasons).contains("Yes: " + question(PRODUCT, id).text());
        }
        for (String id : order.subList(5, 9)) {
            assertThat(reasons).noneSatisfy(r -> assertThat(r).contains(question(PRODUCT, id).text()));
        }
        assertThat(evaluation.outcome().rule()).isEqualTo("band 5-9");
    }

    @Test
    @DisplayName("every outcome a prospect can reach has a title, why and, for alternatives, a next step")
    void outcomesAreComplete() {
        for (Diagnostic diagnostic : CATALOG.diagnostics()) {
            for (int yes = 0; yes <= diagnostic.counted().size(); yes++) {
                Outcome outcome = rules.evaluate(diagnostic,
                        allGatesNo(diagnostic, signals(diagnostic.counted(), yes, true))).outcome();
                assertThat(outcome.title()).isNotBlank();
                assertThat(outcome.why()).isNotBlank();
                if (!outcome.isBook()) {
                    assertThat(outcome.nextStep()).isNotBlank();
                }
            }
        }
    }

    static Stream<Arguments> productSituations() {
        return Stream.of(
                Arguments.of(List.of("activity-updates", "teams-pull-apart", "no-clear-bet", "ceo-covering"),
                        "no-connecting-strategy"),
                Arguments.of(List.of("leader-gone", "ceo-covering", "decisions-stalling", "activity-updates",
                        "escalates-to-ceo"), "leadership-gap"),
                Arguments.of(List.of("outgrown-informal", "escalates-to-ceo", "unclear-ownership", "no-clear-bet"),
                        "scaling-coordination"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("productSituations")
    @DisplayName("product leadership: the summary names the situation with the most yes answers")
    void productSituation(List<String> yes, String situation) {
        Evaluation evaluation = rules.evaluate(PRODUCT, allGatesNo(PRODUCT, yesTo(yes)));

        assertThat(evaluation.matchedProfile()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(situation));
        assertThat(PRODUCT.profileLabel()).isEqualTo("Situation");
    }

    static Stream<Arguments> engagementModels() {
        return Stream.of(
                Arguments.of(List.of("ceo-decides-tech", "platform-unassessed", "risk-unowned"), "advisory"),
                Arguments.of(List.of("busy-but-uneven", "tech-debt-blocking"), "delivery-acceleration"),
                Arguments.of(List.of("bridge-to-hire"), "interim-cto"),
                // seed 004: a pre-hire bridge is the interim bridge, even when advisory signs outnumber it
                Arguments.of(List.of("bridge-to-hire", "ceo-decides-tech", "vendors-unmanaged", "risk-unowned"),
                        "interim-cto"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("engagementModels")
    @DisplayName("technology leadership: the further signals pick the engagement model")
    void engagementModel(List<String> yes, String model) {
        Map<String, String> values = new LinkedHashMap<>(yesTo(yes));
        values.put("decisions-queue", "yes");
        values.put("commitments-slipping", "yes");

        Evaluation evaluation = rules.evaluate(TECHNOLOGY, allGatesNo(TECHNOLOGY, values));

        assertThat(evaluation.outcome().isBook()).isTrue();
        assertThat(evaluation.matchedProfile()).hasValueSatisfying(p -> assertThat(p.id()).isEqualTo(model));
        assertThat(TECHNOLOGY.profileLabel()).isEqualTo("Engagement model");
    }

    @Test
    @DisplayName("a tie between profiles names none: no profile wins by being listed first")
    void tieNamesNoProfile() {
        Evaluation tech = rules.evaluate(TECHNOLOGY, new Answers(yesTo(List.of("ceo-decides-tech", "busy-but-uneven"))));
        Evaluation product = rules.evaluate(PRODUCT, new Answers(yesTo(List.of("escalates-to-ceo", "leader-gone", "no-clear-bet"))));

        assertThat(tech.matchedProfile()).isEmpty();
        assertThat(product.matchedProfile()).isEmpty();
    }

    // ---- helpers ----

    /** {@code yes} of the counted questions answered yes (the first ones or the last ones), the others no. */
    private static Map<String, String> signals(List<String> counted, int yes, boolean fromStart) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < counted.size(); i++) {
            boolean isYes = fromStart ? i < yes : i >= counted.size() - yes;
            values.put(counted.get(i), isYes ? "yes" : "no");
        }
        return values;
    }

    private static Map<String, String> yesTo(List<String> ids) {
        Map<String, String> values = new LinkedHashMap<>();
        ids.forEach(id -> values.put(id, "yes"));
        return values;
    }

    /** The answers, with every gate question answered so that no gate fires. */
    private static Answers allGatesNo(Diagnostic diagnostic, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        for (Gate gate : diagnostic.gates()) {
            List<Reply> safe = new ArrayList<>(List.of(Reply.NO, Reply.YES));
            safe.remove(gate.when());
            all.putIfAbsent(gate.question(), safe.get(0).id());
        }
        return new Answers(all);
    }

    private static Gate gate(Diagnostic diagnostic, String id) {
        return diagnostic.gates().stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
    }

    private static Question question(Diagnostic diagnostic, String id) {
        return diagnostic.question(id).orElseThrow();
    }
}
