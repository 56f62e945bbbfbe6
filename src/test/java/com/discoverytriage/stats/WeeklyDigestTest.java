package com.discoverytriage.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("The weekly digest: when it is due, and claimed exactly once a week")
class WeeklyDigestTest {

    /** Monday 09:00 in Berlin, which is 08:00 UTC in March (CET). */
    private static final DigestProperties MONDAY_MORNING_BERLIN = new DigestProperties(true, DayOfWeek.MONDAY,
            LocalTime.of(9, 0), ZoneId.of("Europe/Berlin"), Duration.ofDays(1));

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock(); // Mon 2025-03-03 09:00 UTC

    @Test
    @DisplayName("due from the configured local time for a day, covering the week before it; not before, not after")
    void dueInTheConsultantsZone() {
        StatsFixture.runner(directory, clock).run(c -> {
            WeeklyDigest digest = new WeeklyDigest(c.getBean(JdbcTemplate.class), MONDAY_MORNING_BERLIN, clock);
            // Mon 09:00 UTC is 10:00 in Berlin: the digest of 09:00 Berlin (08:00 UTC) is due
            WeeklyDigest.Due due = digest.due().orElseThrow();
            assertThat(due.week()).isEqualTo("2025-03-03");
            assertThat(due.until()).isEqualTo(Instant.parse("2025-03-03T08:00:00Z"));
            assertThat(due.since()).isEqualTo(Instant.parse("2025-02-24T08:00:00Z"));
            // a day and a bit later (the bot was down): skipped, no surprise post on Tuesday evening
            clock.advance(Duration.ofHours(25));
            assertThat(digest.due()).isEmpty();
            // the next Monday at 08:59 Berlin: not yet; at 09:00: the next week
            clock.advance(Duration.between(clock.instant(), Instant.parse("2025-03-10T07:59:00Z")));
            assertThat(digest.due()).isEmpty();
            clock.advance(Duration.ofMinutes(1));
            assertThat(digest.due().orElseThrow().week()).isEqualTo("2025-03-10");
        });
    }

    @Test
    @DisplayName("8 processes racing claim it once; posted stays posted after a restart; a failed post is retried")
    void claimedOnce() throws Exception {
        StatsFixture.runner(directory, clock).run(c -> {
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            List<WeeklyDigest> processes = new ArrayList<>();
            for (int p = 0; p < 8; p++) {
                processes.add(new WeeklyDigest(jdbc, MONDAY_MORNING_BERLIN, clock));
            }
            WeeklyDigest.Due due = processes.get(0).due().orElseThrow();

            // a failed post releases the claim: the next round claims it again
            assertThat(processes.get(0).claim(due)).isTrue();
            processes.get(0).release(due);

            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Boolean>> claims = new ArrayList<>();
            for (WeeklyDigest p : processes) {
                claims.add(pool.submit((Callable<Boolean>) () -> p.claim(due)));
            }
            int winners = 0;
            for (Future<Boolean> f : claims) {
                winners += f.get() ? 1 : 0;
            }
            pool.shutdown();
            assertThat(winners).isEqualTo(1);
            processes.get(3).posted(due);
        });
        // a restart over the same database, still within the window, an hour later: nothing more to post
        clock.advance(Duration.ofHours(1));
        StatsFixture.runner(directory, clock).run(c -> {
            WeeklyDigest digest = new WeeklyDigest(c.getBean(JdbcTemplate.class), MONDAY_MORNING_BERLIN, clock);
            WeeklyDigest.Due due = digest.due().orElseThrow();
            assertThat(digest.claim(due)).isFalse();
            // even once a claim would count as stale
            clock.advance(WeeklyDigest.STALE_CLAIM.plusMinutes(1));
            assertThat(digest.claim(due)).isFalse();
        });
    }

    @Test
    @DisplayName("a claim left by a process that died before posting is taken over after 10 minutes, not before")
    void staleClaimTakenOver() {
        StatsFixture.runner(directory, clock).run(c -> {
            JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
            WeeklyDigest died = new WeeklyDigest(jdbc, MONDAY_MORNING_BERLIN, clock);
            WeeklyDigest.Due due = died.due().orElseThrow();
            assertThat(died.claim(due)).isTrue();
            WeeklyDigest other = new WeeklyDigest(jdbc, MONDAY_MORNING_BERLIN, clock);
            clock.advance(Duration.ofMinutes(5));
            assertThat(other.claim(due)).isFalse();
            clock.advance(Duration.ofMinutes(6));
            assertThat(other.claim(due)).isTrue();
            assertThat(other.claim(due)).as("and only once").isFalse();
        });
    }
}
