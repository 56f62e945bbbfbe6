package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Band;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.OutcomeDefinition;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.diagnostic.Profile;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.diagnostic.Route;
import com.discoverytriage.diagnostic.Routing;
import java.util.ArrayList;
import java.util.List;

/** Small diagnostics built in code, so the conversation tests do not depend on the files or the loader. */
final class TestCatalogs {

    static final String PRODUCT = "product";
    static final String TECH = "tech";

    private TestCatalogs() {
    }

    /**
     * product: p1 signal, p2 signal, pmf gate (yes -> find-fit), p3 signal, company text (optional, max 20).
     * Counted p1..p3; 0-1 yes: not-now; 2-3 yes: book. tech: t1, t2 signals, name text (required); 2 yes: book.
     */
    static DiagnosticCatalog standard() {
        Diagnostic product = diagnostic(PRODUCT, "v-product-1")
                .signal("p1", "Does your product team lack a strategy that connects its work?")
                .signal("p2", "Is there a gap in product leadership between hires?")
                .gate("pmf", "Are you still searching for product-market fit?", Reply.YES, "find-fit")
                .signal("p3", "Has scaling brought coordination trouble?")
                .text("company", "What is your company called?", true, 20)
                .band(0, 1, "not-now")
                .band(2, 3, "book")
                .outcome("book", OutcomeKind.BOOK)
                .outcome("not-now", OutcomeKind.ALTERNATIVE)
                .outcome("find-fit", OutcomeKind.ALTERNATIVE)
                .build();
        Diagnostic tech = diagnostic(TECH, "v-tech-1")
                .signal("t1", "Have commitments been missed for two cycles or more?")
                .signal("t2", "Do decisions wait on one overloaded leader?")
                .text("name", "What is your role?", false, 50)
                .band(0, 1, "advice")
                .band(2, 2, "book")
                .outcome("book", OutcomeKind.BOOK)
                .outcome("advice", OutcomeKind.ALTERNATIVE)
                .build();
        Routing routing = new Routing("Which kind of leadership are you looking for?", "Pick the closest.",
                List.of(new Route("Product leadership", PRODUCT), new Route("Technology leadership", TECH)),
                "routing.yaml");
        return new DiagnosticCatalog(List.of(product, tech), routing);
    }

    /** One diagnostic, {@code size} of signal questions s1..sN and a gate in the middle; routing offers it. */
    static DiagnosticCatalog ofSize(int size) {
        Builder builder = diagnostic("sized", "v-sized-" + size);
        for (int i = 1; i <= size; i++) {
            if (i == size / 2) {
                builder.gate("g", "Is this the gate?", Reply.YES, "later");
            }
            builder.signal("s" + i, "Signal " + i + "?");
        }
        Diagnostic sized = builder.band(0, size / 2, "later").band(size / 2 + 1, size, "book")
                .outcome("book", OutcomeKind.BOOK).outcome("later", OutcomeKind.ALTERNATIVE).build();
        return new DiagnosticCatalog(List.of(sized), new Routing("Which?", null,
                List.of(new Route("Sized", "sized")), "routing.yaml"));
    }

    static Builder diagnostic(String id, String version) {
        return new Builder(id, version);
    }

    static final class Builder {
        private final String id;
        private final String version;
        private final List<Question> questions = new ArrayList<>();
        private final List<String> counted = new ArrayList<>();
        private final List<Band> bands = new ArrayList<>();
        private final List<Gate> gates = new ArrayList<>();
        private final List<OutcomeDefinition> outcomes = new ArrayList<>();

        private Builder(String id, String version) {
            this.id = id;
            this.version = version;
        }

        Builder signal(String questionId, String text) {
            questions.add(new Question(questionId, QuestionKind.SIGNAL, text, null, false, 0));
            counted.add(questionId);
            return this;
        }

        Builder gate(String questionId, String text, Reply when, String outcome) {
            questions.add(new Question(questionId, QuestionKind.GATE, text, null, false, 0));
            gates.add(new Gate("gate-" + questionId, questionId, when, outcome, "Because of " + questionId + "."));
            return this;
        }

        Builder text(String questionId, String text, boolean optional, int maxLength) {
            questions.add(new Question(questionId, QuestionKind.TEXT, text, null, optional, maxLength));
            return this;
        }

        Builder band(int min, int max, String outcome) {
            bands.add(new Band(min, max, outcome, "You said yes " + min + " to " + max + " times."));
            return this;
        }

        Builder outcome(String outcomeId, OutcomeKind kind) {
            outcomes.add(new OutcomeDefinition(outcomeId, kind, "Title of " + outcomeId, "Why " + outcomeId,
                    "Next step of " + outcomeId, kind == OutcomeKind.BOOK ? null : "What would change " + outcomeId));
            return this;
        }

        Diagnostic build() {
            return new Diagnostic(id, "Title " + id, "About " + id, questions, counted, bands, gates, outcomes,
                    "Situation", List.of(new Profile("first", "First situation", "", List.of(counted.get(0)))),
                    version, id + ".yaml");
        }
    }
}
