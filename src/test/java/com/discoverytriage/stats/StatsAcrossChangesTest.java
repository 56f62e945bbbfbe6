package com.discoverytriage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.lifecycle.LifecycleScheduler;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The figures a consultant reads stay right whatever the prospect does between the questions (Back, changing an
 * earlier answer, Start over), whichever process handled each command, after a restart, after an erasure and after
 * the retention purge; and the triages recorded before the statistics kept their replies in {@code stats_progress}
 * (V70) are still counted. tiny: 1 company (text), 2 early (gate), 3 s1, 4 s2, 5 s3 (see ConsoleFixtures).
 */
@DisplayName("Statistics across Back, edits, restarts, processes, erasure and the purge")
class StatsAcrossChangesTest {

    private static final ProspectId ADA = new ProspectId("console:ada");

    @TempDir
    Path directory;

    private MovableClock clock = new MovableClock();

    @Test
    @DisplayName("Back from an unanswered question, a changed answer and an edit from the review: each question counted once, with its last answer")
    void backAndChangedAnswers() {
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            start(service, ADA);
            answer(service, ADA, "Ada Ltd", "no", "unsure");
            // at s2 (on screen, unanswered): Back to s1, which shows its answer
            command(service, ADA, new Command.Back());

            // reached: company, early, s1 (on screen, answered unsure); s2 is no longer reached
            assertThat(funnel(c)).containsExactly(
                    new QuestionFigures("tiny", 1, "company", "text", 1, 0, 0, 0),
                    new QuestionFigures("tiny", 2, "early", "gate", 1, 0, 1, 0),
                    new QuestionFigures("tiny", 3, "s1", "signal", 1, 0, 1, 1),
                    new QuestionFigures("tiny", 4, "s2", "signal", 0, 0, 0, 0),
                    new QuestionFigures("tiny", 5, "s3", "signal", 0, 0, 0, 0));

            // s1 changed to yes, then s2 and s3; from the review, s2 edited from no to unsure
            answer(service, ADA, "yes", "no", "yes");
            command(service, ADA, new Command.Edit("s2"));
            answer(service, ADA, "unsure");
            assertThat(funnel(c)).extracting(QuestionFigures::unsure).containsExactly(0, 0, 0, 1, 0);
            assertThat(funnel(c)).extracting(QuestionFigures::answered).containsExactly(0, 1, 1, 1, 1);

            command(service, ADA, new Command.Confirm());
            TriageStats s = stats(c);
            assertThat(s.started()).isEqualTo(1);
            assertThat(s.finished()).isEqualTo(1);
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::reached).containsExactly(1, 1, 1, 1, 1);
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::unsure).containsExactly(0, 0, 0, 1, 0);

            // Back from the outcome: no longer finished; then Start over: the unfinished triage is not counted
            command(service, ADA, new Command.Back());
            assertThat(stats(c).finished()).isZero();
            assertThat(stats(c).inProgress()).isEqualTo(1);
            command(service, ADA, new Command.Restart());
            service.handle(ADA, new Command.Answer("tiny"));
            answer(service, ADA, "Ada Ltd");
            TriageStats again = stats(c);
            assertThat(again.started()).as("the first attempt was replaced by Start over").isEqualTo(1);
            assertThat(again.finished()).isZero();
            assertThat(again.questionsOf("tiny")).extracting(QuestionFigures::reached)
                    .containsExactly(1, 1, 0, 0, 0);
        });
    }

    @Test
    @DisplayName("a triage answered in two processes in turn, and after both restart: the same figures as in one")
    void twoProcessesAndARestart() {
        StatsFixture.runner(directory, clock).run(first -> StatsFixture.runner(directory, clock).run(second -> {
            ConversationService one = first.getBean(ConversationService.class);
            ConversationService two = second.getBean(ConversationService.class);
            start(one, ADA);
            answer(one, ADA, "Ada Ltd", "no");
            answer(two, ADA, "unsure");
            command(one, ADA, new Command.Back());
            answer(two, ADA, "yes", "yes");

            // either process reads the same: s1 changed to yes in the second after Back in the first
            for (ApplicationContext c : List.of(first, second)) {
                assertThat(funnel(c)).extracting(QuestionFigures::reached).containsExactly(1, 1, 1, 1, 1);
                assertThat(funnel(c)).extracting(QuestionFigures::unsure).containsExactly(0, 0, 0, 0, 0);
                assertThat(funnel(c)).extracting(QuestionFigures::answered).containsExactly(0, 1, 1, 1, 0);
            }
            command(one, ADA, new Command.Back());
            command(two, ADA, new Command.Back());
            answer(one, ADA, "no", "yes", "no");
        }));
        // both processes stopped; a new one on the same database confirms
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            command(service, ADA, new Command.Confirm());
            String decided = service.find(ADA).orElseThrow().evaluation().outcome().id();
            TriageStats s = stats(c);
            assertThat(s.started()).isEqualTo(1);
            assertThat(s.finished()).isEqualTo(1);
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::answered).containsExactly(0, 1, 1, 1, 1);
            assertThat(s.outcomes()).extracting(TriageStats.OutcomeCount::outcomeId).containsExactly(decided);
        });
    }

    @Test
    @DisplayName("an idle open triage is abandoned at the question on screen; erasing the prospect removes it")
    void abandonedAndErased() {
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            start(service, ADA);
            answer(service, ADA, "Ada Ltd", "no", "yes");
            ProspectId bo = new ProspectId("console:bo");
            start(service, bo);
            answer(service, bo, "Bo Ltd");
            clock.advance(Duration.ofDays(8));
            answer(service, bo, "no");

            TriageStats s = stats(c);
            assertThat(s.abandoned()).as("Ada idle 8 days; Bo answered just now").isEqualTo(1);
            assertThat(s.inProgress()).isEqualTo(1);
            // Ada left at s2 (question 4)
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::dropped).containsExactly(0, 0, 0, 1, 0);

            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            long adasProgress = jdbc.queryForObject("SELECT progress_id FROM stats_triage WHERE prospect_id = ?",
                    Long.class, ADA.value());
            c.getBean(ForgetService.class).forget(ADA);
            // Ada's answer classes, outcome and times go with her (README "Erasure, retention and export"); Bo's stay
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_progress WHERE id = ?", Integer.class,
                    adasProgress)).as("Ada's progress row after forget").isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_progress", Integer.class)).isEqualTo(1);
            TriageStats after = stats(c);
            assertThat(after.started()).isEqualTo(1);
            assertThat(after.abandoned()).isZero();
            assertThat(after.questionsOf("tiny")).extracting(QuestionFigures::reached).containsExactly(1, 1, 1, 0, 0);
        });
    }

    @Test
    @DisplayName("given idle triages the lifecycle gave up, when the figures are read, then they are the same and only conversations still in play are read")
    void givenUpTriagesAreReadFromTheirProgressRows() {
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            LifecycleScheduler lifecycle = c.getBean(LifecycleScheduler.class);
            ProspectId cy = new ProspectId("console:cy");
            ProspectId bo = new ProspectId("console:bo");
            // Cy: left at s1 (question 3), reminded after a day, given up by the expiry pass a week later
            start(service, cy);
            answer(service, cy, "Cy Ltd", "no");
            clock.advance(Duration.ofDays(2));
            assertThat(lifecycle.runOnce().stalled()).as("Cy stalled, reminder claimed").isEqualTo(1);
            // Ada: left at s2 (question 4) while the lifecycle was off for more than a week: given up at once
            start(service, ADA);
            answer(service, ADA, "Ada Ltd", "no", "yes");
            clock.advance(Duration.ofDays(8));
            start(service, bo);
            answer(service, bo, "Bo Ltd");
            TriageStats before = stats(c);
            assertThat(before.abandoned()).as("Ada and Cy, idle more than 7 days").isEqualTo(2);
            assertThat(before.questionsOf("tiny")).extracting(QuestionFigures::dropped)
                    .containsExactly(0, 0, 1, 1, 0);

            assertThat(lifecycle.runOnce().abandoned()).isEqualTo(2);
            ConversationService recording = org.mockito.Mockito.mock(ConversationService.class,
                    org.mockito.AdditionalAnswers.delegatesTo(service));
            TriageStats after = new TriageStatistics(c.getBean(JdbcTemplate.class), StatsFixture.catalog(), clock,
                    Duration.ofDays(7), () -> recording).compute(period());
            assertThat(after.abandoned()).isEqualTo(2);
            assertThat(after.inProgress()).isEqualTo(1);
            assertThat(after.questionsOf("tiny")).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(before.questionsOf("tiny"));
            org.mockito.ArgumentCaptor<List<ProspectId>> read = org.mockito.ArgumentCaptor.captor();
            org.mockito.Mockito.verify(recording, org.mockito.Mockito.atLeast(0)).findMany(read.capture());
            assertThat(read.getAllValues()).as("conversations read for open triages").flatMap(l -> l)
                    .containsExactly(bo);
        });
    }

    @Test
    @DisplayName("the retention purge takes a triage by its last change, which its conversation holds")
    void purgeByTheLastChange() {
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            start(service, ADA);
            clock.advance(Duration.ofDays(3));
            answer(service, ADA, "Ada Ltd", "no");
            StatsRecorder recorder = c.getBean(StatsRecorder.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);

            // a cutoff between the start and the last answer keeps it
            assertThat(recorder.purge(clock.instant().minus(Duration.ofDays(1)))).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_triage", Integer.class)).isEqualTo(1);
            // once its conversation is gone (the conversations' purge runs first), a later cutoff takes it
            jdbc.update("DELETE FROM conversation");
            assertThat(recorder.purge(clock.instant().plus(Duration.ofDays(1)))).isEqualTo(1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_progress", Integer.class))
                    .as("the purged triage's progress row").isZero();
        });
    }

    @Test
    @DisplayName("during a rolling deploy: a triage the previous version started, marked restarted or left to purge is still right")
    void previousVersionAlongside() {
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            start(service, ADA);
            answer(service, ADA, "Ada Ltd", "no", "yes");
            // as if an instance of the previous version had started it: a stats_triage row without progress
            jdbc.update("DELETE FROM stats_progress");
            jdbc.update("UPDATE stats_triage SET progress_id = NULL");
            answer(service, ADA, "yes", "no");
            command(service, ADA, new Command.Confirm());
            // the previous version marks every earlier triage whose (no longer kept) finished_at is empty
            jdbc.update("UPDATE stats_triage SET restarted = TRUE");

            TriageStats s = stats(c);
            assertThat(s.started()).isEqualTo(1);
            assertThat(s.finished()).isEqualTo(1);
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::answered).containsExactly(0, 1, 1, 1, 1);

            // a row only the previous version wrote, older than the retention: purged by its own time
            jdbc.update("INSERT INTO stats_triage (triage_id, prospect_id, diagnostic_id, started_at, updated_at)"
                    + " VALUES ('old', 'console:old', 'tiny', 1, 2)");
            assertThat(c.getBean(StatsRecorder.class).purge(clock.instant().minus(Duration.ofDays(1)))).isEqualTo(1);
            assertThat(jdbc.queryForList("SELECT triage_id FROM stats_triage", String.class)).hasSize(1)
                    .doesNotContain("old");
        });
    }

    @Test
    @DisplayName("triages recorded before V70 (their questions in stats_question) are still counted")
    void rowsFromBeforeTheProgressTable() {
        String url = "jdbc:h2:file:" + directory.resolve("triage").toAbsolutePath();
        // one connection for the whole set-up: the file database is not closed and opened again between statements
        rowsFromBefore(new SingleConnectionDataSource(url, "", "", true), StatsFixture.runner(directory, clock));
    }

    /** The same on another database (PostgresTriageStatisticsTest): {@code runner} connects to it. */
    static void rowsFromBeforeV70(SingleConnectionDataSource before, ApplicationContextRunner runner,
            MovableClock clock) {
        StatsAcrossChangesTest test = new StatsAcrossChangesTest();
        test.clock = clock;
        test.rowsFromBefore(before, runner);
    }

    private void rowsFromBefore(SingleConnectionDataSource before, ApplicationContextRunner runner) {
        Flyway.configure().dataSource(before).locations("classpath:db/migration").target("52").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(before);
        long started = StatsFixture.SINCE.plus(Duration.ofHours(9)).toEpochMilli();
        // an old prospect who finished (s1 unsure) and one who left at s1, restarted and left again at question 2
        jdbc.update("INSERT INTO stats_triage (triage_id, prospect_id, diagnostic_id, started_at, updated_at,"
                + " finished_at, outcome_kind, outcome_id, question_number, cancelled, restarted)"
                + " VALUES ('old-1', 'console:old', 'tiny', ?, ?, ?, 'alternative', 'not-now', 5, FALSE, FALSE),"
                + " ('old-2', 'console:gone', 'tiny', ?, ?, NULL, NULL, NULL, 3, FALSE, TRUE),"
                + " ('old-3', 'console:gone', 'tiny', ?, ?, NULL, NULL, NULL, 2, FALSE, FALSE)",
                started, started + 300_000, started + 300_000, started, started + 60_000, started + 120_000,
                started + 180_000);
        for (String[] row : List.of(new String[] {"old-1", "company", "1", "text"},
                new String[] {"old-1", "early", "2", "no"}, new String[] {"old-1", "s1", "3", "unsure"},
                new String[] {"old-1", "s2", "4", "no"}, new String[] {"old-1", "s3", "5", "yes"},
                new String[] {"old-2", "company", "1", "text"}, new String[] {"old-2", "early", "2", "no"},
                new String[] {"old-2", "s1", "3", "open"}, new String[] {"old-3", "company", "1", "text"},
                new String[] {"old-3", "early", "2", "open"})) {
            jdbc.update("INSERT INTO stats_question (triage_id, question_id, question_number, reply)"
                    + " VALUES (?, ?, ?, ?)", row[0], row[1], Integer.parseInt(row[2]), row[3]);
        }
        before.destroy();

        clock.advance(Duration.between(clock.instant(), StatsFixture.SINCE.plus(Duration.ofDays(1))));
        Instant newStart = clock.instant();
        runner.run(c -> {
            // and a new triage beside them, by the prospect whose last old triage was open: that one is replaced
            ConversationService service = c.getBean(ConversationService.class);
            ProspectId gone = new ProspectId("console:gone");
            start(service, gone);
            answer(service, gone, "Back Ltd");
            clock.advance(Duration.between(clock.instant(), StatsFixture.AS_OF));

            TriageStats s = stats(c);
            assertThat(s.started()).as("old-1, and the new triage (old-2 and old-3 were replaced)").isEqualTo(2);
            assertThat(s.finished()).isEqualTo(1);
            assertThat(s.medianToFinish()).isEqualTo(Duration.ofMinutes(5));
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::reached).containsExactly(2, 2, 1, 1, 1);
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::unsure).containsExactly(0, 0, 1, 0, 0);
            // the new triage (idle since 03-05, more than 7 days) left at question 2
            assertThat(s.abandoned()).isEqualTo(1);
            assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::dropped).containsExactly(0, 1, 0, 0, 0);

            // the purge with a cutoff between the new triage's start and its answer: the old ones go, it stays
            assertThat(c.getBean(StatsRecorder.class).purge(newStart.plusSeconds(30))).isEqualTo(3);
            assertThat(c.getBean(JdbcTemplate.class).queryForList("SELECT prospect_id FROM stats_triage",
                    String.class)).containsExactly("console:gone");
            assertThat(c.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM stats_question",
                    Integer.class)).isZero();
        });
    }

    private static void start(ConversationService service, ProspectId prospect) {
        service.handle(prospect, new Command.Start("tiny", "Person"));
    }

    private void answer(ConversationService service, ProspectId prospect, String... values) {
        for (String value : values) {
            command(service, prospect, new Command.Answer(value));
        }
    }

    private void command(ConversationService service, ProspectId prospect, Command command) {
        clock.advance(Duration.ofMinutes(1));
        service.handle(prospect, command);
    }

    private TriageStats stats(ApplicationContext c) {
        return c.getBean(TriageStatistics.class).compute(period());
    }

    private StatsPeriod period() {
        Instant now = clock.instant();
        return new StatsPeriod(now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(1)), null);
    }

    private List<QuestionFigures> funnel(ApplicationContext c) {
        return stats(c).questionsOf("tiny");
    }
}
