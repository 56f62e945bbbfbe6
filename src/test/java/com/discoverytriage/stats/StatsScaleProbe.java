package com.discoverytriage.stats;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.lifecycle.LifecycleScheduler;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.AdditionalAnswers;
import org.mockito.Mockito;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A measurement, not a test (its name keeps it out of {@code verify}; it runs only when asked): {@code /triage-stats}
 * over 366 days with N triages the lifecycle gave up (idle, abandoned at question 3) and 200 in progress, on H2,
 * through the real conversation service and lifecycle. Prints the conversations the statistics read and the time
 * of one computation (median of 5, wall and this thread's CPU, which on H2 includes the database's work).
 * <pre>./mvnw -B -o test -Dtest=StatsScaleProbe -Dprobe.prospects=20000 -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class StatsScaleProbe {

    @TempDir
    Path directory;

    @Test
    @EnabledIfSystemProperty(named = "probe.prospects", matches = "\\d+")
    void statisticsOverAYearWithManyGivenUpTriages() {
        int prospects = Integer.parseInt(System.getProperty("probe.prospects"));
        MovableClock clock = new MovableClock();
        StatsFixture.runner(directory, clock).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            for (int i = 0; i < prospects; i++) {
                ProspectId p = new ProspectId("console:idle-" + i);
                service.handle(p, new Command.Start("tiny", "Person"));
                service.handle(p, new Command.Answer("Co"));
                service.handle(p, new Command.Answer("no"));
                clock.advance(Duration.ofSeconds(1));
            }
            clock.advance(Duration.ofDays(8));
            LifecycleScheduler lifecycle = c.getBean(LifecycleScheduler.class);
            int givenUp = 0;
            for (int n; (n = lifecycle.runOnce().abandoned()) > 0; ) {
                givenUp += n;
            }
            for (int i = 0; i < 200; i++) {
                ProspectId p = new ProspectId("console:open-" + i);
                service.handle(p, new Command.Start("tiny", "Person"));
                service.handle(p, new Command.Answer("Co"));
            }
            AtomicLong read = new AtomicLong();
            ConversationService counting = Mockito.mock(ConversationService.class, AdditionalAnswers.delegatesTo(
                    service));
            Mockito.doAnswer(inv -> {
                List<?> asked = inv.getArgument(0);
                read.addAndGet(asked.size());
                return service.findMany(inv.getArgument(0));
            }).when(counting).findMany(Mockito.anyList());
            TriageStatistics statistics = new TriageStatistics(c.getBean(JdbcTemplate.class), StatsFixture.catalog(),
                    clock, Duration.ofDays(7), () -> counting);
            Instant now = clock.instant();
            StatsPeriod year = new StatsPeriod(now.minus(Duration.ofDays(366)), now.plus(Duration.ofDays(1)), null);
            TriageStats s = statistics.compute(year);
            double[] wall = new double[5];
            double[] cpu = new double[5];
            read.set(0);
            for (int i = 0; i < wall.length; i++) {
                long w = System.nanoTime();
                long t = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                statistics.compute(year);
                wall[i] = (System.nanoTime() - w) / 1e6;
                cpu[i] = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t) / 1e6;
            }
            Arrays.sort(wall);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "PROBE %d given up (lifecycle: %d), 200 open: started %d, abandoned %d,"
                    + " in progress %d; conversations read per computation %d; wall %.1f ms, CPU %.1f ms (median of"
                    + " 5)%n", prospects, givenUp, s.started(), s.abandoned(), s.inProgress(), read.get() / 5,
                    wall[2], cpu[2]);
        });
    }
}
