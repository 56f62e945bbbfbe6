package com.discoverytriage.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Phase;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.fixtures.InMemoryConversationService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The console triage, driven by piped input (in-memory conversation service)")
class ConsoleTriageTest {

    private final InMemoryConversationService service = new InMemoryConversationService(ConsoleFixtures.catalog());
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String input, String diagnostic, boolean json) {
        ConsoleTriage console = new ConsoleTriage(service, ConsoleFixtures.catalog(),
                new BufferedReader(new StringReader(input)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return console.run(new ConsoleTriage.Options(diagnostic, "Ada Lovelace", json, true));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("routing by number, every question answered, confirm: the outcome, the summary, and JSON as the last line")
    void fullRunEndsWithJson() throws Exception {
        // given piped answers, one per line, starting with the routing question
        String input = "1\nAcme, CEO\nn\nyes\nNot sure\ny\nconfirm\n";

        // when the console runs with --json
        int exit = run(input, null, true);

        // then it shows progress, the book outcome with its reasons, the consultant's summary and ends in JSON
        assertThat(exit).isZero();
        String text = output();
        assertThat(text).contains("What would you like help with?", "Question 1 of 5 (optional)", "Question 5 of 5",
                "Result: Book a strategy call", "Why:", "Next step: The consultant will reach out",
                "---- For the consultant ----", "Signals:    2 yes, 0 no, 1 not sure (not sure: s2)");
        String[] lines = text.split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(json.get("prospectId").asText()).isEqualTo(ConsoleTriage.prospectFor("Ada Lovelace").value())
                .doesNotContainIgnoringCase("ada");
        assertThat(json.get("outcome").get("kind").asText()).isEqualTo("book");
        assertThat(json.get("signals").get("unsureQuestions").get(0).asText()).isEqualTo("s2");
        assertThat(json.get("answers")).hasSize(5);
    }

    @Test
    @DisplayName("anything that is not an answer is refused clearly and the same question is asked again")
    void reasksOnNonsense() {
        // given the optional text question skipped, then nonsense, then a real answer to the gate question
        int exit = run("\nwhatever\nno\n", "tiny", false);

        // then the console says what it accepts, stays on question 2, and moves on only after the real answer
        assertThat(exit).isZero();
        assertThat(output()).contains("> whatever\nSorry, \"whatever\" is not an answer here."
                + " Answer yes, no or not sure (or back, restart).\n> no\n\nQuestion 3 of 5");
        assertThat(service.find(ConsoleTriage.prospectFor("Ada Lovelace")).orElseThrow().answers().values())
                .containsEntry("company", "").containsEntry("early", "no").hasSize(2);
    }

    @Test
    @DisplayName("end of input before the end says where it stopped; the answers stay stored")
    void eofMidway() {
        // given input that stops after two answers
        int exit = run("\nno\n", "tiny", true);

        // then the console exits cleanly and names the question it stopped at
        assertThat(exit).isZero();
        assertThat(output()).contains("Input ended at question 3 of 5. Your answers so far are saved");
        assertThat(service.find(ConsoleTriage.prospectFor("Ada Lovelace")).orElseThrow().phase()).isEqualTo(Phase.ASKING);
        String[] lines = output().split("\n");
        assertThat(lines[lines.length - 1]).startsWith("{").contains("\"phase\":\"asking\"");

        // and running again with the same name carries on at the same question
        out.reset();
        run("", "tiny", false);
        assertThat(output()).startsWith("\nQuestion 3 of 5");
    }

    @Test
    @DisplayName("back returns to the previous question and a changed answer changes the outcome")
    void backChangesAnswer() {
        // given a gate answered yes, then corrected with back
        int exit = run("\nyes\nback\nno\nyes\nyes\nno\nconfirm\n", "tiny", false);

        // then the corrected answer decides: book, not the gate's alternative
        assertThat(exit).isZero();
        assertThat(output()).contains("Result: Book a strategy call").doesNotContain("Find product-market fit first");
    }

    @Test
    @DisplayName("an unknown --diagnostic is a usage error (exit 2) naming the known ones")
    void unknownDiagnostic() {
        assertThat(run("", "nope", false)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown diagnostic 'nope'; known: tiny");
    }
}
