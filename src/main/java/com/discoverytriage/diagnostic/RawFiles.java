package com.discoverytriage.diagnostic;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The conversation files as written, before validation: every field may be missing or wrong. Only the loader sees
 * these; everything else gets the validated public records.
 */
final class RawFiles {

    private RawFiles() {
    }

    record RawDiagnostic(
            String id,
            String title,
            String description,
            List<RawQuestion> questions,
            List<String> counted,
            List<RawBand> bands,
            List<RawGate> gates,
            @JsonProperty("fit_rules") List<RawFitRule> fitRules,
            List<RawOutcome> outcomes,
            @JsonProperty("profile_label") String profileLabel,
            List<RawProfile> profiles) {
    }

    record RawQuestion(
            String id,
            String kind,
            String text,
            String help,
            Boolean optional,
            @JsonProperty("max_length") Integer maxLength) {
    }

    record RawBand(Integer min, Integer max, String outcome, String reason) {
    }

    record RawGate(String id, String question, String when, String outcome, String reason) {
    }

    record RawFitRule(String id, String title, List<String> questions, String threshold, String outcome, String reason) {
    }

    record RawOutcome(
            String id,
            String kind,
            String title,
            String why,
            @JsonProperty("next_step") String nextStep,
            @JsonProperty("would_change") String wouldChange,
            @JsonProperty("first_30_days") String firstMonth) {
    }

    record RawProfile(String id, String title, String description, List<String> questions,
            @JsonProperty("decided_by") List<String> decidedBy) {
    }

    record RawRouting(String text, String help, List<RawRoute> routes) {
    }

    record RawRoute(String label, String diagnostic) {
    }

    /** What may appear where: the keys of each kind of mapping, and which keys hold lists. */
    enum Shape {
        DIAGNOSTIC(Map.of("questions", "QUESTION", "bands", "BAND", "gates", "GATE", "fit_rules", "FIT_RULE",
                "outcomes", "OUTCOME", "profiles", "PROFILE"), Set.of("counted"),
                "id", "title", "description", "questions", "counted", "bands", "gates", "fit_rules", "outcomes",
                "profile_label", "profiles"),
        QUESTION(Map.of(), Set.of(), "id", "kind", "text", "help", "optional", "max_length"),
        BAND(Map.of(), Set.of(), "min", "max", "outcome", "reason"),
        GATE(Map.of(), Set.of(), "id", "question", "when", "outcome", "reason"),
        FIT_RULE(Map.of(), Set.of("questions"), "id", "title", "questions", "threshold", "outcome", "reason"),
        OUTCOME(Map.of(), Set.of(), "id", "kind", "title", "why", "next_step", "would_change", "first_30_days"),
        PROFILE(Map.of(), Set.of("questions", "decided_by"), "id", "title", "description", "questions", "decided_by"),
        ROUTING(Map.of("routes", "ROUTE"), Set.of(), "text", "help", "routes"),
        ROUTE(Map.of(), Set.of(), "label", "diagnostic");

        private final Map<String, String> listsOfMappings;
        private final Set<String> listsOfValues;
        private final List<String> keys;

        Shape(Map<String, String> listsOfMappings, Set<String> listsOfValues, String... keys) {
            this.listsOfMappings = listsOfMappings;
            this.listsOfValues = listsOfValues;
            this.keys = List.of(keys);
        }

        List<String> keys() {
            return keys;
        }

        Shape elementShape(String key) {
            String name = listsOfMappings.get(key);
            return name == null ? null : Shape.valueOf(name);
        }

        boolean isListOfValues(String key) {
            return listsOfValues.contains(key);
        }
    }
}
