package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.fixtures.CsvReader;
import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackInteraction;
import com.discoverytriage.loopback.LoopbackUser;
import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Scenarios: /triage-forget and /triage-export through the whole application and the real Javacord client")
class DataRightsScenariosTest extends ScenarioHarness {

    private final Cards cards = new Cards(DISCORD);

    @Autowired
    JdbcTemplate jdbc;

    /** Runs {@code /name} as {@code user} and waits for the deferred callback and the edit of @original. */
    private LoopbackInteraction command(Prospect as, String name, ObjectNode... options) {
        LoopbackInteraction command = DISCORD.slashCommand(as.user, name, options);
        DISCORD.dispatchInteraction(command);
        RecordedCall callback = as.callback(command);
        assertThat(callback.json().path("type").asInt()).as("deferred").isEqualTo(5);
        assertThat(callback.json().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        as.awaitEdit(command);
        return command;
    }

    private ObjectNode original(LoopbackInteraction interaction) {
        return DISCORD.message(DISCORD.originalMessageId(interaction).orElseThrow()).orElseThrow();
    }

    /** Clicks {@code label} on the message of {@code on}; answers the edited message. */
    private ObjectNode click(Prospect as, LoopbackInteraction on, String label) {
        ObjectNode message = original(on);
        LoopbackInteraction click = DISCORD.buttonClick(as.user, message, Prospect.customId(message, label));
        DISCORD.dispatchInteraction(click);
        assertThat(as.callback(click).json().path("type").asInt()).isEqualTo(6);
        as.awaitEdit(click);
        return DISCORD.message(message.path("id").asLong()).orElseThrow();
    }

    /** Every cell of every table that mentions the user's id (the schema is read, so a new table is checked too). */
    private List<String> cellsMentioning(LoopbackUser user) {
        List<String> found = new ArrayList<>();
        for (String table : jdbc.queryForList("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC'", String.class)) {
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM \"" + table + "\"")) {
                row.forEach((column, value) -> {
                    if (value != null && (String.valueOf(value).contains(user.idAsString())
                            || String.valueOf(value).contains(user.username()))) {
                        found.add(table + "." + column);
                    }
                });
            }
        }
        return found;
    }

    @Test
    @DisplayName("a prospect halfway through erases everything: confirmation, erased tables, the card emptied")
    void prospectForgetsThemselves() {
        // given a prospect halfway through, whose card the consultant sees
        Prospect prospect = newProspect("wants-to-be-forgotten", false);
        prospect.startTechnologyTriage();
        long cardId = cards.awaitText(prospect.user, "In progress: question 4 of " + technologyQuestions())
                .path("id").asLong();
        assertThat(cellsMentioning(prospect.user)).isNotEmpty();

        // when they run /triage-forget
        LoopbackInteraction forget = command(prospect, "triage-forget");

        // then they are asked to confirm, privately
        ObjectNode confirmation = original(forget);
        assertThat(confirmation.path("embeds").path(0).path("description").asText())
                .isEqualTo("This erases your answers, your summary and the card the consultant sees. It cannot be undone.");
        assertThat(confirmation.path("flags").asInt() & 64).isEqualTo(64);

        // when they confirm
        ObjectNode done = click(prospect, forget, "Erase everything");

        // then they are told, nothing in any table mentions them, and the card says why it is empty
        assertThat(done.path("content").asText()).isEqualTo("Done: everything about you has been erased.");
        assertThat(done.path("components")).isEmpty();
        assertThat(cellsMentioning(prospect.user)).isEmpty();
        ObjectNode card = awaitMessage(cardId, "Erased at the prospect's request");
        assertThat(card.toString()).doesNotContain(prospect.user.idAsString()).doesNotContain("Loopback Ltd");
        assertThat(card.path("components")).isEmpty();

        // and their old question view leads nowhere: the conversation ended
        prospect.click("Yes");
        assertThat(cellsMentioning(prospect.user)).isEmpty();
    }

    @Test
    @DisplayName("the consultant erases another user's data with /triage-forget user:, after a confirmation")
    void consultantForgetsSomeone() {
        // given a prospect with a card
        Prospect prospect = newProspect("forgotten-by-consultant", false);
        prospect.startTechnologyTriage();
        long cardId = cards.awaitText(prospect.user, "In progress: question 4 of " + technologyQuestions())
                .path("id").asLong();
        Prospect consultant = new Prospect(DISCORD, DISCORD.guild().consultant(), false);

        // when the consultant runs /triage-forget user:<prospect> and confirms
        LoopbackInteraction forget = command(consultant, "triage-forget",
                LoopbackDiscord.userOption("user", prospect.user));
        assertThat(original(forget).path("embeds").path(0).path("description").asText())
                .contains("<@" + prospect.user.idAsString() + ">");
        ObjectNode done = click(consultant, forget, "Erase everything");

        // then the prospect's data is gone and the card emptied
        assertThat(done.path("content").asText()).startsWith("Done:");
        assertThat(cellsMentioning(prospect.user)).isEmpty();
        awaitMessage(cardId, "Erased at the prospect's request");
    }

    @Test
    @DisplayName("/triage-export attaches a CSV with the prospect's row; a prospect's /triage-export is refused")
    void consultantExports() {
        // given a prospect who reached the booking link
        Prospect prospect = newProspect("exported-zoë", false);
        prospect.startTechnologyTriage();
        prospect.click("No");
        prospect.answerAllThenSeeResult("Yes");
        cards.awaitText(prospect.user, "Decided: book the call");

        // when the consultant exports the triages started from today on
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        Prospect consultant = new Prospect(DISCORD, DISCORD.guild().consultant(), false);
        LoopbackInteraction export = command(consultant, "triage-export", LoopbackDiscord.stringOption("since", today));

        // then the original response was edited with the CSV attached (multipart), recorded and shown on the message
        RecordedCall edit = DISCORD.requests("PATCH", consultant.editPath(export)).stream()
                .filter(c -> c.status() == 200).findFirst().orElseThrow();
        assertThat(edit.header("content-type")).startsWith("multipart/form-data");
        assertThat(edit.files()).singleElement().satisfies(f -> {
            assertThat(f.name()).isEqualTo("files[0]");
            assertThat(f.filename()).isEqualTo("triages-" + today + "-" + today + ".csv");
            assertThat(f.contentType()).startsWith("text/csv");
        });
        assertThat(original(export).path("attachments").path(0).path("filename").asText()).endsWith(".csv");
        assertThat(original(export).path("content").asText()).contains("started from " + today);

        // and the CSV parses, with the prospect's row
        List<List<String>> table = CsvReader.parse(new String(edit.files().get(0).content(), StandardCharsets.UTF_8));
        List<String> header = table.get(0);
        assertThat(header.get(0)).isEqualTo("\uFEFFtriage_id");
        assertThat(header).contains("prospect", "display_name", "outcome_kind", "technology-leadership.company-role");
        List<String> row = table.stream().filter(r -> r.contains("discord:" + prospect.user.idAsString()))
                .findFirst().orElseThrow();
        assertThat(row).hasSameSizeAs(header);
        // the display name Discord shows (global_name), not the handle
        assertThat(row.get(header.indexOf("display_name"))).isEqualTo(prospect.user.shownName());
        assertThat(row.get(header.indexOf("outcome_kind"))).isEqualTo("book");
        assertThat(row.get(header.indexOf("technology-leadership.company-role"))).isEqualTo("Loopback Ltd, CEO");

        // when a prospect tries the command, they are refused privately
        LoopbackInteraction refused = DISCORD.slashCommand(prospect.user, "triage-export");
        DISCORD.dispatchInteraction(refused);
        RecordedCall refusal = prospect.callback(refused);
        assertThat(refusal.json().path("type").asInt()).isEqualTo(4);
        assertThat(refusal.json().path("data").path("content").asText()).contains("Only the consultant");
    }

    private ObjectNode awaitMessage(long messageId, String text) {
        long deadline = System.nanoTime() + Prospect.TIMEOUT.toNanos();
        while (true) {
            ObjectNode message = DISCORD.message(messageId).orElseThrow();
            if (message.toString().contains(text)) {
                return message;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("message " + messageId + " never contained \"" + text + "\": " + message);
            }
            Cards.sleep(50);
        }
    }

}
