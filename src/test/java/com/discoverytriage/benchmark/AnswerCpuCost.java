package com.discoverytriage.benchmark;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The CPU time and the bytes allocated per command of the benchmark's walk (same database and service set-up as
 * {@link ConversationBenchmark}), measured on the calling thread with {@code ThreadMXBean}. Unlike a wall-clock
 * percentile, a thread's CPU time does not count the time it waits for a core, so it stays comparable on a machine
 * that other work keeps busy. Work done by other threads (H2's background writer) is not counted. Warm-up: 20,000
 * commands or one minute, whichever ends first; then 20 batches of 250 commands.
 *
 * <p>Run: {@code ./mvnw -B -Pbenchmark test-compile exec:exec -Dbenchmark.main=com.discoverytriage.benchmark.AnswerCpuCost
 * -Djmh.args=mem} (the first argument is the database, {@code file} or {@code mem}, {@code file} when absent; the
 * second, the diagnostic sizes to run, {@code 10,80} when absent; the third, {@code stats} to run the statistics
 * listener in each change's transaction, as the application does).
 */
public final class AnswerCpuCost {

    private static final int WARM_UP = 20_000;
    private static final long WARM_UP_NANOS = 60_000_000_000L;
    private static final int BATCHES = 20;
    private static final int BATCH = 250;

    private AnswerCpuCost() {
    }

    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        System.out.printf("%-10s %22s %22s %20s%n", "questions", "CPU µs/command (p50)", "CPU µs/command (min)",
                "bytes/command (p50)");
        int[] sizes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] {10, 80};
        for (int questions : sizes) {
            ConversationBenchmark.Engine engine = new ConversationBenchmark.Engine();
            engine.database = args.length > 0 ? args[0] : "file";
            engine.questions = questions;
            engine.listeners = args.length > 2 ? args[2] : "none";
            engine.start();
            try {
                ConversationBenchmark.OneProspect one = new ConversationBenchmark.OneProspect();
                one.start(engine);
                long warmUpEnd = System.nanoTime() + WARM_UP_NANOS;
                for (int i = 0; i < WARM_UP && (i < 1_000 || System.nanoTime() < warmUpEnd); i++) {
                    one.walker.next(engine.service);
                }
                double[] micros = new double[BATCHES];
                double[] bytes = new double[BATCHES];
                for (int b = 0; b < BATCHES; b++) {
                    long cpu = threads.getCurrentThreadCpuTime();
                    long allocated = threads.getThreadAllocatedBytes(self);
                    for (int i = 0; i < BATCH; i++) {
                        one.walker.next(engine.service);
                    }
                    micros[b] = (threads.getCurrentThreadCpuTime() - cpu) / 1_000.0 / BATCH;
                    bytes[b] = (threads.getThreadAllocatedBytes(self) - allocated) / (double) BATCH;
                }
                Arrays.sort(micros);
                Arrays.sort(bytes);
                System.out.printf("%-10d %22.1f %22.1f %20.0f%n", questions, micros[BATCHES / 2], micros[0],
                        bytes[BATCHES / 2]);
            } finally {
                engine.stop();
            }
        }
    }
}
