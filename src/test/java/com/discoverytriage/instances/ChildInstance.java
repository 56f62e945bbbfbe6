package com.discoverytriage.instances;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An application instance in an operating-system process of its own ({@link ChildInstanceMain}, started with this
 * JVM's java binary and class path), so that it can be killed the way a machine or a container dies: SIGKILL, no
 * shutdown hook, no graceful stop. Its web server, its database connections (and with them its advisory locks) and
 * its unfinished work go at once; whatever it had claimed in the database stays claimed until others take it over.
 *
 * <p>Its output goes to {@code target/instances/NAME-*.log}. It is killed by {@link #close()} (a test's
 * {@code @AfterEach}), by this JVM's shutdown hook, and, should this JVM die without either, by itself: it halts
 * when its standard input, held by this JVM, ends.
 */
final class ChildInstance implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kill-child-instances"));
    }

    final String name;
    final Path log;
    private final Process process;
    private final Path readyFile;
    private int port;

    private ChildInstance(String name, Path log, Process process, Path readyFile) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.readyFile = readyFile;
    }

    /**
     * Starts the application with {@code properties} (plus a free port on 127.0.0.1, as {@link AppInstance} does)
     * and its Javacord client pointed at the loopback gateway at {@code gatewayUrl} through the REST proxy on
     * {@code restProxyPort}. Returns at once; {@link #awaitReady} waits for the web server.
     */
    static ChildInstance start(String name, Map<String, String> properties, String gatewayUrl, int restProxyPort) {
        try {
            Path dir = Path.of(System.getProperty("basedir", ".")).resolve("target/instances");
            Files.createDirectories(dir);
            String stamp = Long.toString(System.currentTimeMillis());
            Path log = dir.resolve(name + "-" + stamp + ".log");
            Path ready = dir.resolve(name + "-" + stamp + ".port");
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            // a quick start matters more than peak speed for an instance that lives half a test on a busy machine
            command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx512m"));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildInstanceMain.class.getName(),
                    ready.toString(), name, gatewayUrl, Integer.toString(restProxyPort)));
            properties.forEach((key, value) -> command.add(key + "=" + value));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            LIVE.add(process);
            return new ChildInstance(name, log, process, ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the instance's web server is up (it wrote its port); fails at once if the process ended. */
    ChildInstance awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(readyFile)) {
            assertAlive();
            if (System.nanoTime() > deadline) {
                throw new AssertionError("instance " + name + " not ready within " + timeout + "; its output: " + log
                        + "\n" + tail());
            }
            Thread.sleep(50);
        }
        port = Integer.parseInt(Files.readString(readyFile).trim());
        return this;
    }

    /** Fails, with the end of its output, when the process has ended. */
    void assertAlive() {
        if (!process.isAlive()) {
            throw new AssertionError("instance " + name + " ended (exit " + process.exitValue() + "); its output: "
                    + log + "\n" + tail());
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port + "/discord/interactions";
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * SIGKILL (on Linux {@code destroyForcibly} is kill -9): the process gets no chance to clean up. Answers its
     * exit status once it is gone (137, 128 + 9, for a process killed by signal 9).
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        int status = process.waitFor();
        LIVE.remove(process);
        return status;
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
        LIVE.remove(process);
    }
}
