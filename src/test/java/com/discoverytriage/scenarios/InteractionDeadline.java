package com.discoverytriage.scenarios;

import com.discoverytriage.loopback.InteractionTimings;
import com.discoverytriage.loopback.JavacordLoopback;
import com.discoverytriage.loopback.LoopbackDiscord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For scenarios against the shared stand-in: before each test, forgets the previous test's recordings and points
 * Javacord's static gateway URL back at the shared stand-in; after it, fails the test on a contract violation or an
 * interaction answered after 3 s (or never), and adds its dispatch-to-callback times to the suite's figures, which
 * are printed (p50 / p99 / max, count) and written to {@code target/loopback-scenarios-timings.txt} at the end.
 */
final class InteractionDeadline implements BeforeEachCallback, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(InteractionDeadline.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        LoopbackDiscord discord = SharedLoopback.DISCORD;
        discord.resetRecordings();
        discord.checkContractAfterTest(true).checkInteractionDeadlineAfterTest(true);
        JavacordLoopback.setGateway(discord.gatewayUrl());
        SlowDatabase.normal();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SlowDatabase.normal();
        LoopbackDiscord discord = SharedLoopback.DISCORD;
        List<String> problems = record(context, discord);
        if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("Loopback Discord checks failed:\n  " + String.join("\n  ", problems));
        }
    }

    /** Adds the timings of {@code discord} to the suite figures and answers what went against the rules. */
    static List<String> record(ExtensionContext context, LoopbackDiscord discord) {
        InteractionTimings timings = discord.interactionTimings();
        Suite suite = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Suite.class, k -> new Suite(), Suite.class);
        suite.add(timings);
        if (!timings.all().isEmpty()) {
            System.out.println("[scenarios] " + context.getDisplayName() + ": " + timings.report());
        }
        return discord.afterTestProblems();
    }

    /** Every scenario's dispatch-to-callback times; reported once, when the whole run ends. */
    static final class Suite implements ExtensionContext.Store.CloseableResource {
        private final List<Duration> answered = new ArrayList<>();
        private int unanswered;

        synchronized void add(InteractionTimings timings) {
            answered.addAll(timings.answered());
            unanswered += timings.unanswered().size();
        }

        @Override
        public synchronized void close() throws IOException {
            List<Duration> sorted = answered.stream().sorted().toList();
            if (sorted.isEmpty()) {
                return;
            }
            long late = sorted.stream().filter(d -> d.compareTo(LoopbackDiscord.INTERACTION_DEADLINE) > 0).count();
            String report = "[scenarios] dispatch-to-callback over all scenarios: count=" + sorted.size()
                    + " unanswered=" + unanswered + " late(>3s)=" + late
                    + " p50=" + percentile(sorted, 50).toMillis() + "ms"
                    + " p99=" + percentile(sorted, 99).toMillis() + "ms"
                    + " max=" + sorted.get(sorted.size() - 1).toMillis() + "ms";
            System.out.println(report);
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("loopback-scenarios-timings.txt"), report + System.lineSeparator());
            }
        }

        private static Duration percentile(List<Duration> sorted, double percent) {
            int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }
}
