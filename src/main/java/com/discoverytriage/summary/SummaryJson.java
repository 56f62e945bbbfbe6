package com.discoverytriage.summary;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;

/**
 * Renders a {@link TriageSummary} as one JSON object on one line (for {@code console --json} and scripts). Field
 * order is fixed; absent values are {@code null}, never missing, so a script can rely on every key.
 */
public final class SummaryJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SummaryJson() {
    }

    public static String render(TriageSummary summary) {
        try {
            return MAPPER.writeValueAsString(toNode(summary));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a summary as JSON", e);
        }
    }

    public static ObjectNode toNode(TriageSummary s) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("triageId", s.triageId());
        root.put("prospectId", s.prospectId());
        root.put("displayName", s.displayName());
        root.put("diagnostic", s.diagnosticId());
        root.put("diagnosticTitle", s.diagnosticTitle());
        root.put("diagnosticVersion", s.diagnosticVersion());
        root.put("phase", s.phase() == null ? null : s.phase().name().toLowerCase(Locale.ROOT));
        root.put("questionNumber", s.questionNumber());
        root.put("questionTotal", s.questionTotal());
        root.put("startedAt", iso(s.startedAt()));
        root.put("finishedAt", iso(s.finishedAt()));
        ArrayNode answers = root.putArray("answers");
        for (TriageSummary.Item item : s.answers()) {
            ObjectNode a = answers.addObject();
            a.put("questionId", item.questionId());
            a.put("kind", item.kind() == null ? null : item.kind().id());
            a.put("question", item.question());
            a.put("answer", item.answer());
            a.put("flagged", item.flagged());
        }
        if (s.signals() == null) {
            root.putNull("signals");
        } else {
            ObjectNode signals = root.putObject("signals");
            signals.put("yes", s.signals().yes());
            signals.put("no", s.signals().no());
            signals.put("unsure", s.signals().unsure());
            ArrayNode unsure = signals.putArray("unsureQuestions");
            s.signals().unsureQuestions().forEach(unsure::add);
        }
        if (s.outcome() == null) {
            root.putNull("outcome");
        } else {
            ObjectNode outcome = root.putObject("outcome");
            outcome.put("kind", s.outcome().kind().id());
            outcome.put("id", s.outcome().id());
            outcome.put("title", s.outcome().title());
            outcome.put("rule", s.outcome().rule());
            ArrayNode reasons = outcome.putArray("reasons");
            s.outcome().reasons().forEach(reasons::add);
        }
        if (s.profileTitle() == null) {
            root.putNull("profile");
        } else {
            ObjectNode profile = root.putObject("profile");
            profile.put("label", s.profileLabel());
            profile.put("title", s.profileTitle());
        }
        root.put("bookingUrl", s.bookingUrl());
        return root;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
