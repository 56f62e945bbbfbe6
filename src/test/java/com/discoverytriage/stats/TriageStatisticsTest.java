package com.discoverytriage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.stats.TriageStats.OutcomeCount;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every figure below is worked out by hand from the story in {@link StatsFixture#seed}. */
@DisplayName("Triage statistics over a seeded set of triages")
class TriageStatisticsTest {

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();

    @Test
    @DisplayName("every diagnostic: counts, outcome mix, conversion, times, not sure rates and the branch-correct funnel")
    void everyDiagnostic() {
        StatsFixture.runner(directory, clock).run(c -> {
            StatsFixture.seed(c, clock);

            TriageStats s = c.getBean(TriageStatistics.class)
                    .compute(new StatsPeriod(StatsFixture.SINCE, StatsFixture.UNTIL, null));

            // started in the period and not replaced by Start over: A B C D E(second) I G F = 8 (H is before the
            // period, E's first attempt was restarted)
            assertThat(s.started()).isEqualTo(8);
            // decided: A B D E G
            assertThat(s.finished()).isEqualTo(5);
            // C idle since 03-04 (more than 7 days at 03-12), I cancelled
            assertThat(s.abandoned()).isEqualTo(2);
            // F, idle 2 days
            assertThat(s.inProgress()).isEqualTo(1);
            assertThat(s.outcomes()).containsExactly(
                    new OutcomeCount("tiny", "book", "call", 2),            // A, E
                    new OutcomeCount("duo", "book", "talk", 1),             // G
                    new OutcomeCount("tiny", "alternative", "find-fit", 1), // B
                    new OutcomeCount("tiny", "alternative", "not-now", 1)); // D
            // book outcomes A, E, G; only A's booking was confirmed by the calendar
            assertThat(s.bookOutcomes()).isEqualTo(3);
            assertThat(s.booked()).isEqualTo(1);
            assertThat(s.bookingConversion()).isEqualTo(1.0 / 3);
            assertThat(s.talkAnyway()).as("B").isEqualTo(1);
            assertThat(s.overrides()).as("D").isEqualTo(1);
            // times to finish: B 3, G 3, A 6, E 6, D 8 minutes; nearest rank: median the 3rd of 5, p90 the 5th
            assertThat(s.medianToFinish()).isEqualTo(Duration.ofMinutes(6));
            assertThat(s.p90ToFinish()).isEqualTo(Duration.ofMinutes(8));

            // reached: Q1 A B C D E I F = 7; Q2 A B C D E I = 6 (F still at 1); Q3 A C D E I = 5 (B's gate ended
            // it: not a drop); Q4 A C D E = 4 (I cancelled at 3); Q5 A D E = 3 (C left at 4, once despite Back)
            // answered / not sure: Q2 A B C D E I = 6 / 0; Q3 A yes, C unsure, D no, E yes = 4 / 1 (I had it on
            // screen); Q4 A yes, D unsure, E yes = 3 / 1 (C had it on screen); Q5 A no, D yes (was unsure), E yes
            // = 3 / 0
            assertThat(s.questionsOf("tiny")).containsExactly(
                    new QuestionFigures("tiny", 1, "company", "text", 7, 0, 0, 0),
                    new QuestionFigures("tiny", 2, "early", "gate", 6, 0, 6, 0),
                    new QuestionFigures("tiny", 3, "s1", "signal", 5, 1, 4, 1),
                    new QuestionFigures("tiny", 4, "s2", "signal", 4, 1, 3, 1),
                    new QuestionFigures("tiny", 5, "s3", "signal", 3, 0, 3, 0));
            assertThat(s.questionsOf("tiny").get(2).unsureRate()).isEqualTo(0.25);
            assertThat(s.questionsOf("tiny").get(3).unsureRate()).isEqualTo(1.0 / 3);
            // duo's questions are duo's only: G reached and answered both
            assertThat(s.questionsOf("duo")).containsExactly(
                    new QuestionFigures("duo", 1, "d1", "signal", 1, 0, 1, 0),
                    new QuestionFigures("duo", 2, "d2", "signal", 1, 0, 1, 0));
        });
    }

    @Test
    @DisplayName("one diagnostic: only its triages, and only its questions")
    void oneDiagnostic() {
        StatsFixture.runner(directory, clock).run(c -> {
            StatsFixture.seed(c, clock);

            TriageStats s = c.getBean(TriageStatistics.class)
                    .compute(new StatsPeriod(StatsFixture.SINCE, StatsFixture.UNTIL, "tiny"));

            // as above without G
            assertThat(s.started()).isEqualTo(7);
            assertThat(s.finished()).isEqualTo(4);
            assertThat(s.abandoned()).isEqualTo(2);
            assertThat(s.inProgress()).isEqualTo(1);
            assertThat(s.bookOutcomes()).isEqualTo(2);
            assertThat(s.booked()).isEqualTo(1);
            // B 3, A 6, E 6, D 8: median the 2nd of 4, p90 the 4th
            assertThat(s.medianToFinish()).isEqualTo(Duration.ofMinutes(6));
            assertThat(s.p90ToFinish()).isEqualTo(Duration.ofMinutes(8));
            assertThat(s.diagnostics()).containsExactly("tiny");
            assertThat(s.questions()).extracting(QuestionFigures::dropped).containsExactly(0, 0, 1, 1, 0);
        });
    }

    @Test
    @DisplayName("a period with nothing in it: zeros, no times, every question of the diagnostic at zero")
    void emptyPeriod() {
        StatsFixture.runner(directory, clock).run(c -> {
            StatsFixture.seed(c, clock);

            TriageStats s = c.getBean(TriageStatistics.class).compute(new StatsPeriod(
                    StatsFixture.UNTIL, StatsFixture.UNTIL.plus(Duration.ofDays(7)), "tiny"));

            assertThat(s.started()).isZero();
            assertThat(s.medianToFinish()).isNull();
            assertThat(s.bookingConversion()).isZero();
            assertThat(s.questions()).hasSize(5).allMatch(q -> q.reached() == 0);
        });
    }

    @Test
    @DisplayName("text and JSON carry the same figures; forgetting a prospect removes their triage, the purge every old one")
    void jsonAndErasure() throws Exception {
        StatsFixture.runner(directory, clock).run(c -> {
            StatsFixture.seed(c, clock);
            TriageStatistics statistics = c.getBean(TriageStatistics.class);
            StatsPeriod week = new StatsPeriod(StatsFixture.SINCE, StatsFixture.UNTIL, null);

            TriageStats before = statistics.compute(week);
            assertThat(StatsText.render(before)).contains(
                    "Triage statistics, 2025-03-04 to 2025-03-10, every diagnostic",
                    "8 started, 5 finished, 2 abandoned, 1 in progress",
                    "1 of 3 book outcomes booked (33%); talk anyway 1; overrides 1",
                    "median 6 min, p90 8 min",
                    " 3 s1                       reached    5  dropped   1  not sure 25% of 4");
            JsonNode json = new ObjectMapper().readTree(StatsJson.render(before));
            assertThat(json.get("started").asInt()).isEqualTo(8);
            assertThat(json.get("booking").get("conversion").asDouble()).isEqualTo(1.0 / 3);
            assertThat(json.get("timeToFinishSeconds").get("p90").asLong()).isEqualTo(480);
            assertThat(json.get("questions").get(2).get("unsureRate").asDouble()).isEqualTo(0.25);

            c.getBean(ForgetService.class).forget(new ProspectId("console:c"));
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_triage WHERE prospect_id = 'console:c'",
                    Integer.class)).isZero();
            TriageStats after = statistics.compute(week);
            assertThat(after.started()).isEqualTo(7);
            assertThat(after.abandoned()).isEqualTo(1);
            assertThat(after.questionsOf("tiny").get(3).dropped()).isZero();

            // and the daily retention purge (365 days) takes the statistics rows with the triages
            c.getBean(com.discoverytriage.lifecycle.RetentionPurge.class)
                    .purge(StatsFixture.AS_OF.plus(Duration.ofDays(366)));
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_triage", Integer.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM stats_question", Integer.class)).isZero();
        });
    }
}
