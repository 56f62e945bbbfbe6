package com.discoverytriage.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.lifecycle.LifecycleFixture.RecordingNotifier;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.OutboxRow;
import com.discoverytriage.summary.SummaryOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Forget a prospect; purge old triages")
class ForgetAndRetentionTest {

    static final String USER = "7310042";
    static final ProspectId ANNA = new ProspectId("discord:" + USER);
    static final ProspectId BEN = new ProspectId("discord:8888");
    static final String NAME = "Annabelle Quux";
    static final String ANSWER = "Quuxcorp Ltd";

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();

    /** Leaves a trace in every table the application writes: two triages, a card posted, a lead, a DM marker... */
    List<String> everything(ApplicationContext c, ProspectId prospect) {
        ConversationService service = c.getBean(ConversationService.class);
        JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
        List<String> triages = new ArrayList<>();
        ForgetAndRetentionTest.decide(service, prospect);
        triages.add(service.find(prospect).orElseThrow().triageId());
        service.handle(prospect, new Command.Restart());
        service.handle(prospect, new Command.Answer(answerOf(prospect)));
        triages.add(service.find(prospect).orElseThrow().triageId());
        SummaryOutbox outbox = c.getBean(SummaryOutbox.class);
        outbox.posted(triages.get(0), "555", "666", 1);
        LeadRecords leads = c.getBean(LeadRecords.class);
        leads.setStatus(triages.get(0), LeadState.Status.CONTACTED, "Consultant");
        leads.flagTalkAnyway(triages.get(0));
        c.getBean(BookingUpdates.class).booking(c.getBean(BookingUpdates.class).match(triages.get(0)).orElseThrow(),
                true, clock.instant().plus(Duration.ofDays(3)), "calcom");
        jdbc.update("INSERT INTO booking_webhook_receipt (provider, receipt_key, triage_id, received_at)"
                + " VALUES ('calcom', ?, ?, 1)", "k-" + prospect.value(), triages.get(0));
        String userId = prospect.value().substring("discord:".length());
        jdbc.update("INSERT INTO discord_dm_closed (user_id, closed_at) VALUES (?, 1)", userId);
        return triages;
    }

    static String nameOf(ProspectId prospect) {
        return prospect.equals(ANNA) ? NAME : "Benedict Other";
    }

    static String answerOf(ProspectId prospect) {
        return prospect.equals(ANNA) ? ANSWER : "Othercorp";
    }

    static void decide(ConversationService service, ProspectId prospect) {
        service.handle(prospect, new Command.Start("tiny", nameOf(prospect)));
        for (String answer : List.of(answerOf(prospect), "no", "yes", "yes", "yes")) {
            service.handle(prospect, new Command.Answer(answer));
        }
        service.handle(prospect, new Command.Confirm());
    }

    /** Every table of the schema (found, not listed, so a future table is checked too), every cell as text. */
    static List<String> cellsMentioning(JdbcTemplate jdbc, String... needles) {
        List<String> tables = jdbc.queryForList("SELECT LOWER(TABLE_NAME) FROM INFORMATION_SCHEMA.TABLES"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE'", String.class);
        assertThat(tables).contains("conversation", "finished_triage", "summary_outbox", "lead_state", "lead_event",
                "lead_lifecycle", "booking_webhook_receipt", "discord_dm_closed");
        List<String> hits = new ArrayList<>();
        for (String table : tables) {
            if (table.equals("flyway_schema_history")) {
                continue;
            }
            for (Map<String, Object> row : jdbc.queryForList("SELECT * FROM " + table)) {
                for (Map.Entry<String, Object> cell : row.entrySet()) {
                    String value = String.valueOf(cell.getValue());
                    for (String needle : needles) {
                        if (value.contains(needle)) {
                            hits.add(table + "." + cell.getKey());
                        }
                    }
                }
            }
        }
        return hits;
    }

    static int count(JdbcTemplate jdbc, String table, String column, String value) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + column + " = ?", Integer.class, value);
    }

    @Test
    @DisplayName("forget erases the prospect from every table, ends the conversation and empties the posted card")
    void forgetErasesEverything() {
        LifecycleFixture.runner(directory, clock, new RecordingNotifier()).run(c -> {
            // given two prospects with data everywhere
            List<String> annas = everything(c, ANNA);
            everything(c, BEN);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            assertThat(cellsMentioning(jdbc, USER, NAME, ANSWER)).isNotEmpty();

            // when
            ForgetService.Result result = c.getBean(ForgetService.class).forget(ANNA);

            // then nothing anywhere mentions her id, name or answers
            assertThat(result.triages()).isEqualTo(2);
            assertThat(result.cardsToEdit()).isEqualTo(1);
            assertThat(cellsMentioning(jdbc, USER, "Annabelle", "Quuxcorp")).as("cells still mentioning the prospect")
                    .isEmpty();
            assertThat(c.getBean(ConversationService.class).find(ANNA)).isEmpty();
            assertThat(c.getBean(FinishedTriages.class).findAll(null)).extracting(t -> t.prospect())
                    .containsOnly(BEN);
            for (String triage : annas) {
                assertThat(count(jdbc, "lead_state", "triage_id", triage)).isZero();
                assertThat(count(jdbc, "lead_event", "triage_id", triage)).isZero();
                assertThat(count(jdbc, "booking_webhook_receipt", "triage_id", triage)).isZero();
            }
            // the posted card is due for an edit that says why it is empty
            OutboxRow card = c.getBean(SummaryOutbox.class).find(annas.get(0)).orElseThrow();
            assertThat(card.revision()).isGreaterThan(card.deliveredRevision());
            assertThat(card.summary().answers()).isEmpty();
            assertThat(card.summary().displayName()).isNull();
            LeadState lead = c.getBean(LeadRecords.class).find(annas.get(0));
            assertThat(lead.lifecycle().label()).isEqualTo("erased at the prospect's request");
            assertThat(lead.status()).isNull();
            // the never-posted card of the second triage is simply gone
            assertThat(c.getBean(SummaryOutbox.class).find(annas.get(1))).isEmpty();
            // the other prospect is untouched
            assertThat(cellsMentioning(jdbc, "8888")).isNotEmpty();
            // and she can start afresh
            assertThat(c.getBean(ConversationService.class).handle(ANNA, new Command.Start("tiny", null))).isNotNull();
        });
    }

    @Test
    @DisplayName("the daily purge drops triages older than retention-days with what is tied to them, once a day")
    void retention() {
        LifecycleFixture.runner(directory, clock, new RecordingNotifier())
                .withPropertyValues("triage.retention-days=30")
                .run(c -> {
                    // given an old triage (card posted) and, 20 days later, a new one
                    List<String> old = everything(c, ANNA);
                    clock.advance(Duration.ofDays(20));
                    ConversationService service = c.getBean(ConversationService.class);
                    decide(service, BEN);
                    String recent = service.find(BEN).orElseThrow().triageId();
                    RetentionPurge purge = c.getBean(RetentionPurge.class);
                    JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
                    assertThat(purge.runIfDue(clock.instant())).as("nothing is old yet").isZero();

                    // when 31 days have passed since the old one, and a day since the last run
                    clock.advance(Duration.ofDays(11));
                    int purged = purge.runIfDue(clock.instant());

                    // then
                    assertThat(purged).isEqualTo(2);
                    assertThat(c.getBean(FinishedTriages.class).findAll(null)).extracting(t -> t.triageId())
                            .containsExactly(recent);
                    assertThat(count(jdbc, "lead_event", "triage_id", old.get(0))).isZero();
                    assertThat(cellsMentioning(jdbc, USER, "Quuxcorp").stream()
                            .filter(h -> !h.startsWith("discord_dm_closed"))).isEmpty();
                    assertThat(c.getBean(LeadRecords.class).lifecycle(old.get(0)).stage()).isEqualTo(Stage.PURGED);
                    assertThat(purge.runIfDue(clock.instant().plus(Duration.ofHours(23)))).as("once a day").isZero();

                    // once the emptied card has been edited, the next daily run drops its row too
                    OutboxRow card = c.getBean(SummaryOutbox.class).find(old.get(0)).orElseThrow();
                    c.getBean(SummaryOutbox.class).edited(old.get(0), card.revision());
                    clock.advance(Duration.ofDays(1));
                    purge.runIfDue(clock.instant());
                    assertThat(c.getBean(SummaryOutbox.class).find(old.get(0))).isEmpty();
                    assertThat(c.getBean(LeadRecords.class).lifecycle(old.get(0))).isNull();
                });
    }
}
