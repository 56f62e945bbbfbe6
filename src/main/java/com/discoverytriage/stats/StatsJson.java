package com.discoverytriage.stats;

import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/** The figures as one JSON object, for scripts. Durations in seconds, rates as fractions. */
public final class StatsJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsJson() {
    }

    public static String render(TriageStats s) {
        ObjectNode root = JSON.createObjectNode();
        root.put("since", s.period().since().toString());
        root.put("until", s.period().until().toString());
        root.put("diagnostic", s.period().diagnosticId());
        root.put("asOf", s.asOf().toString());
        root.put("started", s.started());
        root.put("finished", s.finished());
        root.put("abandoned", s.abandoned());
        root.put("inProgress", s.inProgress());
        ArrayNode outcomes = root.putArray("outcomes");
        for (OutcomeCount o : s.outcomes()) {
            outcomes.addObject().put("diagnostic", o.diagnosticId()).put("kind", o.kind()).put("id", o.outcomeId())
                    .put("count", o.count());
        }
        ObjectNode booking = root.putObject("booking");
        booking.put("bookOutcomes", s.bookOutcomes());
        booking.put("booked", s.booked());
        booking.put("conversion", s.bookingConversion());
        root.put("talkAnyway", s.talkAnyway());
        root.put("overrides", s.overrides());
        ObjectNode time = root.putObject("timeToFinishSeconds");
        time.put("median", seconds(s.medianToFinish()));
        time.put("p90", seconds(s.p90ToFinish()));
        ArrayNode questions = root.putArray("questions");
        for (QuestionFigures q : s.questions()) {
            questions.addObject().put("diagnostic", q.diagnosticId()).put("number", q.number())
                    .put("id", q.questionId()).put("kind", q.kind()).put("reached", q.reached())
                    .put("dropped", q.dropped()).put("answered", q.answered()).put("unsure", q.unsure())
                    .put("unsureRate", q.unsureRate());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
