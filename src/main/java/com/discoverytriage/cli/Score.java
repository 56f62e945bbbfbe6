package com.discoverytriage.cli;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code score}: the outcome a set of answers leads to, as one JSON line. */
final class Score {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Score() {
    }

    static String json(DiagnosticCatalog catalog, String diagnosticId, String answerList) {
        Diagnostic diagnostic = catalog.find(diagnosticId).orElseThrow(() -> new UsageException(
                "unknown diagnostic '" + diagnosticId + "'; known: "
                        + catalog.diagnostics().stream().map(Diagnostic::id).collect(Collectors.joining(", "))));
        Evaluation evaluation = new Rules().evaluate(diagnostic, parse(diagnostic, answerList));
        ObjectNode root = MAPPER.createObjectNode();
        root.put("diagnostic", diagnostic.id());
        ObjectNode outcome = root.putObject("outcome");
        outcome.put("kind", evaluation.outcome().kind().id());
        outcome.put("id", evaluation.outcome().id());
        outcome.put("title", evaluation.outcome().title());
        outcome.put("rule", evaluation.outcome().rule());
        ArrayNode reasons = outcome.putArray("reasons");
        evaluation.outcome().reasons().forEach(reasons::add);
        ObjectNode signals = root.putObject("signals");
        signals.put("yes", evaluation.signals().yes());
        signals.put("no", evaluation.signals().no());
        signals.put("unsure", evaluation.signals().unsure());
        ArrayNode unsure = signals.putArray("unsureQuestions");
        evaluation.signals().unsureQuestions().forEach(unsure::add);
        evaluation.matchedProfile().ifPresent(p -> root.putObject("profile").put("id", p.id()).put("title", p.title())
                .put("description", p.description()));
        return root.toString();
    }

    /** {@code q1=yes,q2=no,...}: every id must exist; signal and gate answers must be yes, no or unsure. */
    static Answers parse(Diagnostic diagnostic, String answerList) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : answerList.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("'" + pair.strip() + "' is not of the form question=answer");
            }
            String id = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            Question question = diagnostic.question(id).orElseThrow(() -> new UsageException(
                    "diagnostic '" + diagnostic.id() + "' has no question '" + id + "'; its questions: "
                            + diagnostic.questions().stream().map(Question::id).collect(Collectors.joining(", "))));
            if (values.containsKey(id)) {
                throw new UsageException("question '" + id + "' is answered twice");
            }
            if (question.kind() == QuestionKind.TEXT) {
                values.put(id, value);
            } else {
                Reply reply = Reply.parse(value).orElseThrow(() -> new UsageException(
                        "'" + value + "' is not an answer to " + question.kind().id() + " question '" + id
                                + "': use yes (y), no (n) or unsure (not sure, maybe, don't know)"));
                values.put(id, reply.id());
            }
        }
        return new Answers(values);
    }
}
