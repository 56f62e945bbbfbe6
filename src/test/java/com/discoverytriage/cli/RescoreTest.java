package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.FinishedTriage;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.scoring.Rules;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("rescore: past triages against the current rules")
class RescoreTest {

    private static FinishedTriage triage(String id, String name, String diagnostic, String version, Map<String, String> answers,
            String kind, String outcome) {
        Instant at = Instant.parse("2025-01-01T00:00:00Z");
        return new FinishedTriage(id, new ProspectId("console:" + id), name, diagnostic, version, new Answers(answers), kind,
                outcome, at, at);
    }

    @Test
    @DisplayName("lists only the triages whose outcome would change, and counts them")
    void listsChanges() {
        List<FinishedTriage> stored = List.of(
                // scored under an older rule as an alternative; today two yes answers book the call
                triage("T-1", "Ada", "tiny", "old", Map.of("s1", "yes", "s2", "yes"), "alternative", "not-now"),
                // unchanged
                triage("T-2", "Bo", "tiny", "abc123", Map.of("early", "yes"), "alternative", "find-fit"),
                triage("T-3", "Cy", "gone", "x", Map.of(), "book", "call"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = new Rescore(ConsoleFixtures.catalog(), new Rules(), id -> id == null ? stored
                : stored.stream().filter(t -> t.diagnosticId().equals(id)).toList())
                .run(null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "T-1  Ada  alternative:not-now -> book:call  (scored with file version old, now abc123)",
                "T-3  Cy  book:call -> (diagnostic 'gone' no longer exists)",
                "2 of 3 finished triages would change.");
    }

    @Test
    @DisplayName("an unknown --diagnostic is an error, exit 2")
    void unknownDiagnostic() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new Rescore(ConsoleFixtures.catalog(), new Rules(), id -> List.of())
                .run("nope", new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown diagnostic 'nope'");
    }

    @Test
    @DisplayName("the fit rules change past triages: a full leadership gap once sent elsewhere now books the call")
    void fitRulesShowInRescore() {
        // seed 000: a prospect fully in the "leadership gap between hires" situation; the old 2-3 band sent them to
        // "another layer"
        Map<String, String> gap = new java.util.LinkedHashMap<>();
        for (String gate : List.of("pre-pmf", "decisions-pile-up", "needs-execution", "scope-unclear", "wants-validation")) {
            gap.put(gate, "no");
        }
        gap.put("leader-gone", "yes");
        gap.put("ceo-covering", "yes");
        gap.put("decisions-stalling", "yes");
        com.discoverytriage.diagnostic.DiagnosticCatalog real =
                new com.discoverytriage.diagnostic.DiagnosticLoader().load(java.nio.file.Path.of("conversations"));
        List<FinishedTriage> stored = List.of(
                triage("T-9", "Gap", "product-leadership", "old", gap, "alternative", "another-layer"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = new Rescore(real, new Rules(), id -> stored)
                .run(null, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));

        assertThat(exit).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow())
                .startsWith("T-9  Gap  alternative:another-layer -> book:strategy-call");
    }
}
