package com.discoverytriage.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Summary renderers for the console and scripts")
class SummaryRenderersTest {

    private static TriageSummary decided() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("company", "Acme \"Rockets\", CEO");
        values.put("early", "no");
        values.put("s1", "yes");
        values.put("s2", "unsure");
        values.put("s3", "yes");
        Answers answers = new Answers(values);
        Evaluation evaluation = new Rules().evaluate(ConsoleFixtures.tiny(), answers);
        ConversationSnapshot snapshot = new ConversationSnapshot(new ProspectId("console:zoe"), "T-9", "Zoë", "tiny",
                "abc123", Phase.DECIDED, 5, 5, answers, evaluation, "https://cal.com/x?name=Zo%C3%AB", 7,
                Instant.parse("2025-03-01T09:00:00Z"), Instant.parse("2025-03-01T09:03:05Z"),
                Instant.parse("2025-03-01T09:03:05Z"));
        return new TriageSummaries(ConsoleFixtures.catalog()).of(snapshot);
    }

    @Test
    @DisplayName("the JSON is one line with every field a script needs, times in ISO-8601")
    void json() throws Exception {
        String line = SummaryJson.render(decided());

        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("prospectId").asText()).isEqualTo("console:zoe");
        assertThat(json.get("displayName").asText()).isEqualTo("Zoë");
        assertThat(json.get("diagnostic").asText()).isEqualTo("tiny");
        assertThat(json.get("diagnosticVersion").asText()).isEqualTo("abc123");
        assertThat(json.get("phase").asText()).isEqualTo("decided");
        assertThat(json.get("startedAt").asText()).isEqualTo("2025-03-01T09:00:00Z");
        assertThat(json.get("finishedAt").asText()).isEqualTo("2025-03-01T09:03:05Z");
        assertThat(json.get("answers")).hasSize(5);
        assertThat(json.get("answers").get(0).get("answer").asText()).isEqualTo("Acme \"Rockets\", CEO");
        assertThat(json.get("answers").get(3).get("flagged").asBoolean()).isTrue();
        assertThat(json.get("signals").toString()).isEqualTo("{\"yes\":2,\"no\":0,\"unsure\":1,\"unsureQuestions\":[\"s2\"]}");
        assertThat(json.get("outcome").get("kind").asText()).isEqualTo("book");
        assertThat(json.get("outcome").get("rule").asText()).isEqualTo("band 2-3");
        assertThat(json.get("outcome").get("reasons").size()).isPositive();
        assertThat(json.get("profile").toString()).isEqualTo("{\"label\":\"Situation\",\"title\":\"Roadmap noise (No strategy.)\"}");
        assertThat(json.get("bookingUrl").asText()).startsWith("https://cal.com/x");
    }

    @Test
    @DisplayName("an undecided summary keeps every key, with null outcome and signals")
    void undecidedJson() throws Exception {
        TriageSummary s = decided();
        TriageSummary asking = new TriageSummary(s.triageId(), s.prospectId(), s.displayName(), s.diagnosticId(),
                s.diagnosticTitle(), s.diagnosticVersion(), Phase.ASKING, 3, 5, s.startedAt(), null, s.answers().subList(0, 2),
                null, null, null, null, null);
        JsonNode json = new ObjectMapper().readTree(SummaryJson.render(asking));
        assertThat(json.get("outcome").isNull()).isTrue();
        assertThat(json.get("signals").isNull()).isTrue();
        assertThat(json.get("finishedAt").isNull()).isTrue();
        assertThat(json.has("bookingUrl")).isTrue();
    }

    @Test
    @DisplayName("the text names the outcome, the matched situation, the unsure answers and the booking link")
    void text() {
        String text = SummaryText.render(decided());
        assertThat(text).contains(
                "Prospect:   Zoë (console:zoe)",
                "Diagnostic: Tiny leadership (tiny), file version abc123",
                "Finished:   2025-03-01T09:03:05Z (took 3 min 5 s)",
                "Outcome:    BOOK: Book a strategy call [call, band 2-3]",
                "Situation:  Roadmap noise",
                "Signals:    2 yes, 0 no, 1 not sure (not sure: s2)",
                "Booking:    https://cal.com/x",
                "Not sure   <- not sure: raise it on the call");
    }
}
