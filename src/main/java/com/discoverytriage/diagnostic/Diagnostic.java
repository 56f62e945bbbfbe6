package com.discoverytriage.diagnostic;

import java.util.List;
import java.util.Optional;

/**
 * One diagnostic, as loaded from one file of {@code conversations/}. Built only by the loader, which proves it
 * total and sound before anything uses it.
 *
 * @param fitRules     named groups of signals checked after the gates and before the bands, in file order
 * @param counted      ids of the signal questions whose "yes" answers the bands count (all signals when the
 *                     file does not narrow it)
 * @param profileLabel what the profiles are called for this diagnostic ("Situation", "Engagement model")
 * @param version      a hash of the file's bytes; every finished triage records it
 * @param source       the file it came from, for messages
 */
public record Diagnostic(
        String id,
        String title,
        String description,
        List<Question> questions,
        List<String> counted,
        List<Band> bands,
        List<Gate> gates,
        List<FitRule> fitRules,
        List<OutcomeDefinition> outcomes,
        String profileLabel,
        List<Profile> profiles,
        String version,
        String source) {

    public Diagnostic {
        questions = List.copyOf(questions);
        counted = List.copyOf(counted);
        bands = List.copyOf(bands);
        gates = List.copyOf(gates);
        fitRules = List.copyOf(fitRules);
        outcomes = List.copyOf(outcomes);
        profiles = List.copyOf(profiles);
    }

    /** A diagnostic without fit rules (gates, then bands). */
    public Diagnostic(String id, String title, String description, List<Question> questions, List<String> counted,
            List<Band> bands, List<Gate> gates, List<OutcomeDefinition> outcomes, String profileLabel,
            List<Profile> profiles, String version, String source) {
        this(id, title, description, questions, counted, bands, gates, List.of(), outcomes, profileLabel, profiles,
                version, source);
    }

    /** Ids of every signal question, in the order asked. */
    public List<String> signals() {
        return questions.stream().filter(q -> q.kind() == QuestionKind.SIGNAL).map(Question::id).toList();
    }

    // a loop, not a stream: asked on every answer
    public Optional<Question> question(String questionId) {
        int index = indexOf(questionId);
        return index < 0 ? Optional.empty() : Optional.of(questions.get(index));
    }

    public Optional<OutcomeDefinition> outcome(String outcomeId) {
        return outcomes.stream().filter(o -> o.id().equals(outcomeId)).findFirst();
    }

    public int indexOf(String questionId) {
        for (int i = 0; i < questions.size(); i++) {
            if (questions.get(i).id().equals(questionId)) {
                return i;
            }
        }
        return -1;
    }
}
