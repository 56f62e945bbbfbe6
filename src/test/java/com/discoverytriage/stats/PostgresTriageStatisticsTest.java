package com.discoverytriage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.stats.TriageStats.QuestionFigures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same aggregate SQL on a real PostgreSQL (embedded server): the figures of the seeded week are the same. */
@DisplayName("Triage statistics on PostgreSQL (embedded server)")
class PostgresTriageStatisticsTest {

    @TempDir
    Path directory;

    @Test
    void sameFiguresOnPostgres() throws Exception {
        MovableClock clock = new MovableClock();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            StatsFixture.runner(directory, clock)
                    .withPropertyValues("spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                            "spring.datasource.username=postgres", "spring.datasource.password=")
                    .run(c -> {
                        assertThat(c).hasNotFailed();
                        StatsFixture.seed(c, clock);
                        TriageStats s = c.getBean(TriageStatistics.class)
                                .compute(new StatsPeriod(StatsFixture.SINCE, StatsFixture.UNTIL, null));
                        // as worked out in TriageStatisticsTest
                        assertThat(s.started()).isEqualTo(8);
                        assertThat(s.finished()).isEqualTo(5);
                        assertThat(s.abandoned()).isEqualTo(2);
                        assertThat(s.booked()).isEqualTo(1);
                        assertThat(s.talkAnyway()).isEqualTo(1);
                        assertThat(s.overrides()).isEqualTo(1);
                        assertThat(s.medianToFinish()).isEqualTo(Duration.ofMinutes(6));
                        assertThat(s.p90ToFinish()).isEqualTo(Duration.ofMinutes(8));
                        assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::reached)
                                .containsExactly(7, 6, 5, 4, 3);
                        assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::dropped)
                                .containsExactly(0, 0, 1, 1, 0);
                        assertThat(s.questionsOf("tiny")).extracting(QuestionFigures::unsure)
                                .containsExactly(0, 0, 1, 1, 0);
                    });
        }
    }

    @Test
    void rowsFromBeforeV70AndThePurgeOnPostgres() throws Exception {
        MovableClock clock = new MovableClock();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            StatsAcrossChangesTest.rowsFromBeforeV70(
                    new org.springframework.jdbc.datasource.SingleConnectionDataSource(url, "postgres", "", true),
                    StatsFixture.runner(directory, clock).withPropertyValues("spring.datasource.url=" + url,
                            "spring.datasource.username=postgres", "spring.datasource.password="),
                    clock);
        }
    }
}
