package com.discoverytriage.personas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The personas of {@code conversations/personas/} are the oracle: each is a whole prospect written from one seed,
 * with the outcome that seed implies. Every persona runs through the same {@link Rules} the bot scores with, on the
 * real conversation files; a persona that ends elsewhere fails with its name, its seed and both outcomes.
 */
@DisplayName("Personas: whole prospects from the seeds end where their seed says")
class PersonaTest {

    static final Path DIRECTORY = Path.of("conversations", "personas");
    private static final ObjectMapper YAML = new YAMLMapper();
    private static final DiagnosticCatalog CATALOG = new DiagnosticLoader().load(Path.of("conversations"));
    private final Rules rules = new Rules();

    /** One persona file. {@code expectedRule} and {@code expectedProfile} may be null (not checked). */
    record Persona(Path file, String name, String diagnostic, String seed, Map<String, String> answers,
            String expectedOutcome, String expectedRule, String expectedProfile) {

        @Override
        public String toString() {
            return name + " (" + file.getFileName() + ")";
        }
    }

    static List<Persona> personas() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(PersonaTest::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Persona read(Path file) {
        try {
            JsonNode root = YAML.readTree(file.toFile());
            Map<String, String> answers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("answers").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                // An unquoted yes/no is a YAML boolean; read it back as the answer it was meant to be.
                JsonNode v = e.getValue();
                answers.put(e.getKey(), v.isBoolean() ? (v.asBoolean() ? "yes" : "no") : v.asText());
            }
            JsonNode expect = root.path("expect");
            return new Persona(file, text(root, "name"), text(root, "diagnostic"), text(root, "seed"), answers,
                    text(expect, "outcome"), text(expect, "rule"), text(expect, "profile"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read persona " + file, e);
        }
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("personas")
    @DisplayName("the persona ends in the outcome its seed implies")
    void personaEndsWhereItsSeedSays(Persona persona) {
        // given a whole prospect written from one seed
        assertThat(persona.name()).as("persona %s has a name", persona.file()).isNotBlank();
        assertThat(persona.seed()).as("persona %s names its seed file and section", persona.name()).isNotBlank();
        assertThat(persona.expectedOutcome()).as("persona %s names the outcome its seed implies", persona.name())
                .isNotBlank();
        Diagnostic diagnostic = CATALOG.find(persona.diagnostic()).orElse(null);
        if (diagnostic == null) {
            fail("persona '" + persona.name() + "': diagnostic '" + persona.diagnostic() + "' does not exist");
        }
        Answers answers = answersFor(persona, diagnostic);

        // when the bot's rules score the answers
        Evaluation evaluation = rules.evaluate(diagnostic, answers);

        // then it ends where the seed says
        String actual = evaluation.outcome().id() + " (" + evaluation.outcome().rule() + ")";
        if (!evaluation.outcome().id().equals(persona.expectedOutcome())
                || persona.expectedRule() != null && !persona.expectedRule().equals(evaluation.outcome().rule())) {
            fail("persona '" + persona.name() + "' [" + persona.seed() + "]: the seed implies "
                    + persona.expectedOutcome() + (persona.expectedRule() == null ? "" : " (" + persona.expectedRule() + ")")
                    + ", but the rules give " + actual + ". Reasons given: " + evaluation.outcome().reasons());
        }
        if (persona.expectedProfile() != null) {
            String profile = evaluation.matchedProfile().map(p -> p.id()).orElse("(none)");
            if (!persona.expectedProfile().equals(profile)) {
                fail("persona '" + persona.name() + "' [" + persona.seed() + "]: the seed implies the "
                        + diagnostic.profileLabel() + " " + persona.expectedProfile() + ", but the rules name " + profile);
            }
        }
    }

    /** Every id must be a question of the diagnostic and every yes/no answer must be one the bot accepts. */
    private static Answers answersFor(Persona persona, Diagnostic diagnostic) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        persona.answers().forEach((id, value) -> {
            Optional<Question> question = diagnostic.question(id);
            if (question.isEmpty()) {
                problems.add("'" + id + "' is not a question of " + diagnostic.id());
            } else if (question.get().kind() != QuestionKind.TEXT && Reply.parse(value).isEmpty()) {
                problems.add("'" + value + "' is not a yes/no/unsure answer to '" + id + "'");
            } else {
                values.put(id, question.get().kind() == QuestionKind.TEXT ? value : Reply.parse(value).get().id());
            }
        });
        if (!problems.isEmpty()) {
            fail("persona '" + persona.name() + "' [" + persona.seed() + "] cannot be scored: " + String.join("; ", problems));
        }
        return new Answers(values);
    }

    @Test
    @DisplayName("at least 14 personas, at least 6 for each diagnostic")
    void enoughPersonas() {
        List<Persona> all = personas();
        assertThat(all).hasSizeGreaterThanOrEqualTo(14);
        for (Diagnostic d : CATALOG.diagnostics()) {
            assertThat(all.stream().filter(p -> d.id().equals(p.diagnostic())))
                    .as("personas for %s", d.id()).hasSizeGreaterThanOrEqualTo(6);
        }
    }

    @Test
    @DisplayName("every gate (every not-a-fit case) is reached by a persona")
    void everyGateHasAPersona() {
        List<Persona> all = personas();
        for (Diagnostic d : CATALOG.diagnostics()) {
            for (Gate gate : d.gates()) {
                assertThat(all).as("a persona of %s whose expected rule is gate %s", d.id(), gate.id())
                        .anyMatch(p -> d.id().equals(p.diagnostic()) && ("gate " + gate.id()).equals(p.expectedRule()));
            }
        }
    }

    @Test
    @DisplayName("every fit rule (every fit situation, every signal set) is reached by a persona")
    void everyFitRuleHasAPersona() {
        List<Persona> all = personas();
        for (Diagnostic d : CATALOG.diagnostics()) {
            for (com.discoverytriage.diagnostic.FitRule rule : d.fitRules()) {
                assertThat(all).as("a persona of %s that fires fit rule %s", d.id(), rule.id())
                        .anyMatch(p -> d.id().equals(p.diagnostic())
                                && rules.firedFitRule(d, answersFor(p, d)).filter(rule::equals).isPresent());
            }
        }
    }

    @Test
    @DisplayName("the borderline 4 and a \"not sure\" on a gate each have a persona")
    void borderlineAndUnsureGateHavePersonas() {
        List<Persona> all = personas();
        assertThat(all).as("a persona with exactly four product signals")
                .anyMatch(p -> "band 4-4".equals(p.expectedRule()));
        for (Diagnostic d : CATALOG.diagnostics()) {
            assertThat(all).as("a persona of %s answering not sure on a gate question", d.id())
                    .anyMatch(p -> d.id().equals(p.diagnostic()) && p.answers().entrySet().stream()
                            .anyMatch(a -> d.question(a.getKey()).filter(q -> q.kind() == QuestionKind.GATE).isPresent()
                                    && Reply.parse(a.getValue()).filter(Reply.UNSURE::equals).isPresent()));
        }
    }
}
