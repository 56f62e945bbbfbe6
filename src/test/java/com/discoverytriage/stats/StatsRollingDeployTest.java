package com.discoverytriage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What an instance of the previous version (V45 StatsRecorder, still running during a rolling deploy, as V70's
 * comment and commit 6e83808 promise to support) writes, replayed as its exact SQL on the database state the new
 * version leaves. tiny: company (text), early (gate), s1, s2, s3.
 */
@DisplayName("Statistics during a rolling deploy: what an instance of the previous version writes is counted")
class StatsRollingDeployTest {

    private static final ProspectId ADA = new ProspectId("console:ada");

    @TempDir
    Path directory;

    final MovableClock clock = new MovableClock();

    /** New version starts the triage; the previous version handles the Confirm (its one write: stats_triage). */
    @Test
    @DisplayName("given a triage started here, when an instance of the previous version records its outcome, then it is counted finished and never abandoned")
    void decidedByThePreviousVersionIsCountedFinished() {
        runner().run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            service.handle(ADA, new Command.Start("tiny", "Ada"));
            answer(service, "Ada Ltd", "no", "yes", "yes", "no");
            Map<String, Object> before = jdbc.queryForMap("SELECT p.* FROM stats_progress p");
            tick();
            service.handle(ADA, new Command.Confirm());
            // what the previous version's StatsRecorder leaves instead: stats_progress untouched since the last
            // OTHER change, the outcome in stats_triage's (no longer read) columns
            Map<String, Object> after = jdbc.queryForMap("SELECT p.* FROM stats_progress p");
            jdbc.update("UPDATE stats_progress SET updated_at = ?, finished_at = NULL, outcome_kind = NULL,"
                    + " outcome_id = NULL, question_number = ?, replies = ?", before.get("UPDATED_AT"),
                    before.get("QUESTION_NUMBER"), before.get("REPLIES"));
            jdbc.update("UPDATE stats_triage SET diagnostic_id = ?, updated_at = ?, finished_at = ?, outcome_kind = ?,"
                    + " outcome_id = ?, question_number = ?, cancelled = ?", after.get("DIAGNOSTIC_ID"),
                    after.get("UPDATED_AT"), after.get("FINISHED_AT"), after.get("OUTCOME_KIND"),
                    after.get("OUTCOME_ID"), after.get("QUESTION_NUMBER"), false);

            assertThat(service.find(ADA).orElseThrow().evaluation()).isNotNull();
            TriageStats s = stats(c);
            clock.advance(Duration.ofDays(8));
            TriageStats later = stats(c);
            org.assertj.core.api.SoftAssertions.assertSoftly(soft -> {
                soft.assertThat(s.started()).isEqualTo(1);
                soft.assertThat(s.finished()).as("decided (DECIDED conversation, finished_triage row)").isEqualTo(1);
                soft.assertThat(s.inProgress()).as("in progress right after the outcome").isZero();
                soft.assertThat(s.outcomes()).as("outcomes").isNotEmpty();
                soft.assertThat(later.abandoned()).as("8 days later: a decided triage is never abandoned").isZero();
            });
        });
    }

    /** Started and finished by the previous version during the deploy: a stats_triage row with no progress_id. */
    @Test
    @DisplayName("given a triage the previous version started and decided, when the figures are read, then it is started and finished")
    void startedAndFinishedByThePreviousVersionIsCounted() {
        runner().run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            startAndDecide(service);
            Map<String, Object> p = jdbc.queryForMap("SELECT p.* FROM stats_progress p");
            // the previous version's INSERT/UPDATE of stats_triage (no progress row: it does not know the table)
            jdbc.update("DELETE FROM stats_progress");
            jdbc.update("UPDATE stats_triage SET progress_id = NULL, diagnostic_id = ?, updated_at = ?,"
                    + " finished_at = ?, outcome_kind = ?, outcome_id = ?, question_number = ?", p.get("DIAGNOSTIC_ID"),
                    p.get("UPDATED_AT"), p.get("FINISHED_AT"), p.get("OUTCOME_KIND"), p.get("OUTCOME_ID"),
                    p.get("QUESTION_NUMBER"));

            TriageStats s = stats(c);
            assertThat(s.started()).as("the triage the previous version ran from start to outcome").isEqualTo(1);
            assertThat(s.finished()).isEqualTo(1);
        });
    }

    /**
     * Started by the previous version, then answered (PROGRESS only) by this one, then left: the progress row is only
     * made on an OTHER change, so the triage is never started, in progress or abandoned in the figures.
     */
    @Test
    @DisplayName("given a triage the previous version started, when it is answered here, then it is in progress")
    void startedByThePreviousVersionAnsweredHereAndLeftIsAbandoned() {
        runner().run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            service.handle(ADA, new Command.Start("tiny", "Ada"));
            // as StatsAcrossChangesTest.previousVersionAlongside: the previous version started it
            jdbc.update("DELETE FROM stats_progress");
            jdbc.update("UPDATE stats_triage SET progress_id = NULL, diagnostic_id = 'tiny'");
            answer(service, "Ada Ltd", "no", "yes");
            assertThat(stats(c).inProgress()).as("open, answered a minute ago").isEqualTo(1);
            clock.advance(Duration.ofDays(8));
            TriageStats later = stats(c);
            assertThat(later.abandoned()).as("idle 8 days (expire-after 7)").isEqualTo(1);
            // left at s2, question 4
            assertThat(later.questionsOf("tiny")).extracting(TriageStats.QuestionFigures::dropped)
                    .containsExactly(0, 0, 0, 1, 0);
        });
    }

    /**
     * Started and answered here, then Start over handled by the previous version: it marks the earlier row restarted
     * (a mark this version no longer reads on its own rows) and inserts the next triage with no progress row.
     */
    @Test
    @DisplayName("given a triage started here, when the previous version handles Start over, then only the new triage is counted")
    void startOverByThePreviousVersionReplacesTheEarlierTriage() {
        runner().run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            service.handle(ADA, new Command.Start("tiny", "Ada"));
            answer(service, "Ada Ltd", "no");
            String first = service.find(ADA).orElseThrow().triageId();
            tick();
            service.handle(ADA, new Command.Restart());
            service.handle(ADA, new Command.Answer("tiny"));
            String second = service.find(ADA).orElseThrow().triageId();
            assertThat(second).isNotEqualTo(first);
            // the previous version's writes for the Start over instead of this version's
            jdbc.update("DELETE FROM stats_progress WHERE id = (SELECT progress_id FROM stats_triage"
                    + " WHERE triage_id = ?)", second);
            jdbc.update("UPDATE stats_triage SET progress_id = NULL, diagnostic_id = 'tiny', updated_at = ?"
                    + " WHERE triage_id = ?", clock.instant().toEpochMilli(), second);
            jdbc.update("UPDATE stats_triage SET restarted = TRUE WHERE triage_id = ?", first);
            answer(service, "Ada Ltd");

            TriageStats s = stats(c);
            assertThat(s.started()).as("the first attempt was replaced").isEqualTo(1);
            assertThat(s.inProgress()).isEqualTo(1);
            assertThat(s.abandoned()).isZero();
        });
    }

    /** The previous version's forget (its erase: stats_question, stats_triage) leaves the prospect's progress row. */
    @Test
    @DisplayName("given a prospect the previous version forgot, when the retention purge runs, then no progress row of theirs is left")
    void eraseByThePreviousVersionLeavesNothingBehindAfterThePurge() {
        runner().run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            startAndDecide(service);
            // previous version's ForgetService: conversation rows, then StatsRecorder.erase as it was before V70
            jdbc.update("DELETE FROM conversation WHERE prospect_id = ?", ADA.value());
            jdbc.update("DELETE FROM finished_triage WHERE prospect_id = ?", ADA.value());
            jdbc.update("DELETE FROM stats_question WHERE triage_id IN"
                    + " (SELECT triage_id FROM stats_triage WHERE prospect_id = ?)", ADA.value());
            jdbc.update("DELETE FROM stats_triage WHERE prospect_id = ?", ADA.value());

            // even the retention purge, far in the future, never takes the orphaned row
            c.getBean(StatsRecorder.class).purge(clock.instant().plus(Duration.ofDays(3650)));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_progress", Integer.class))
                    .as("Ada's answer classes, outcome and timestamps").isZero();
        });
    }

    /**
     * More than one batch (500) of each kind the purge takes: triages this version recorded, rows only the previous
     * version wrote, and progress rows it left behind; all older than the cutoff, none carried by a conversation.
     */
    @Test
    @DisplayName("given more old rows of each kind than one purge batch, when the retention purge runs, then every one goes")
    void purgeTakesEveryBatch() {
        runner().run(c -> {
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            int rows = 1_100;
            java.util.List<Object[]> progress = new java.util.ArrayList<>();
            for (int i = 0; i < 2 * rows; i++) {
                progress.add(new Object[] {1_000L + i});
            }
            jdbc.batchUpdate("INSERT INTO stats_progress (diagnostic_id, updated_at, replies) VALUES ('tiny', ?, '')",
                    progress);
            java.util.List<Long> ids = jdbc.queryForList("SELECT id FROM stats_progress ORDER BY id", Long.class);
            java.util.List<Object[]> recorded = new java.util.ArrayList<>();
            java.util.List<Object[]> previous = new java.util.ArrayList<>();
            for (int i = 0; i < rows; i++) {
                // the first half of the progress rows belong to triages; the second half are orphans
                recorded.add(new Object[] {"new-" + i, "console:new-" + i, ids.get(i)});
                previous.add(new Object[] {"old-" + i, "console:old-" + i});
            }
            jdbc.batchUpdate("INSERT INTO stats_triage (triage_id, prospect_id, started_at, updated_at, progress_id)"
                    + " VALUES (?, ?, 1, 1, ?)", recorded);
            jdbc.batchUpdate("INSERT INTO stats_triage (triage_id, prospect_id, diagnostic_id, started_at, updated_at)"
                    + " VALUES (?, ?, 'tiny', 1, 2)", previous);

            assertThat(c.getBean(StatsRecorder.class).purge(clock.instant())).isEqualTo(2 * rows);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_triage", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_progress", Integer.class)).isZero();
        });
    }

    /** The application on the database the test runs on (H2 here; PostgreSQL in the subclass). */
    ApplicationContextRunner runner() {
        return StatsFixture.runner(directory, clock);
    }

    private void tick() {
        clock.advance(Duration.ofMinutes(1));
    }

    /** This version starts Ada's triage of the tiny diagnostic, answers every question and confirms the outcome. */
    private void startAndDecide(ConversationService service) {
        service.handle(ADA, new Command.Start("tiny", "Ada"));
        answer(service, "Ada Ltd", "no", "yes", "yes", "no");
        tick();
        service.handle(ADA, new Command.Confirm());
    }

    private void answer(ConversationService service, String... values) {
        for (String value : values) {
            tick();
            service.handle(ADA, new Command.Answer(value));
        }
    }

    private TriageStats stats(ApplicationContext c) {
        Instant now = clock.instant();
        return c.getBean(TriageStatistics.class)
                .compute(new StatsPeriod(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1)), null));
    }
}
