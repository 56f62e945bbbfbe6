package com.discoverytriage.benchmark;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationListener;
import com.discoverytriage.conversation.ConversationProperties;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.StateMachineConversationService;
import com.discoverytriage.conversation.View;
import com.discoverytriage.diagnostic.Band;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.OutcomeDefinition;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Route;
import com.discoverytriage.diagnostic.Routing;
import com.discoverytriage.scoring.Rules;
import com.discoverytriage.stats.StatsRecorder;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * One command through the whole path (lock, load, restore a pooled machine, event, persist with the version check,
 * release) on the embedded H2 file database, as the application runs by default. Each prospect answers every
 * question of a diagnostic of {@code questions} questions and then restarts, so all commands but one per round are
 * answers. The 10- and 80-question cases show whether an answer's cost depends on the diagnostic's size.
 *
 * <p>Run: {@code ./mvnw -B -Pbenchmark test-compile exec:exec} (arguments for JMH in {@code -Djmh.args=...}; add
 * {@code -prof gc} for the bytes allocated per answer, {@code gc.alloc.rate.norm}).
 */
public class ConversationBenchmark {

    /** The database and the service, shared by every benchmark of a run. */
    @State(Scope.Benchmark)
    public static class Engine {

        /** {@code file}: an H2 file in a temporary directory (the default set-up); {@code mem}: in memory. */
        @Param({"file"})
        public String database;

        /** How many questions the benchmark's diagnostic has. */
        @Param({"10", "80"})
        public int questions;

        /**
         * {@code none}: the conversation service alone; {@code stats}: with the statistics listener the application
         * runs in every change's transaction ({@code stats_triage} and {@code stats_progress} rows).
         */
        @Param({"none"})
        public String listeners = "none";

        Path directory;
        HikariDataSource dataSource;
        StateMachineConversationService service;

        @Setup(Level.Trial)
        public void start() throws IOException {
            quiet("com.zaxxer.hikari");
            quiet("org.flywaydb");
            directory = Files.createTempDirectory("triage-benchmark");
            dataSource = new HikariDataSource();
            dataSource.setJdbcUrl("mem".equals(database)
                    ? "jdbc:h2:mem:triage-benchmark;DB_CLOSE_DELAY=-1"
                    : "jdbc:h2:file:" + directory.resolve("triage").toAbsolutePath());
            dataSource.setUsername("sa");
            dataSource.setPassword("");
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
            DiagnosticCatalog catalog = catalog(questions);
            List<ConversationListener> listening = "stats".equals(listeners) ? List.of(statsRecorder(catalog))
                    : List.of();
            service = new StateMachineConversationService(catalog, new Rules(), dataSource,
                    new DataSourceTransactionManager(dataSource), listening, null, Clock.systemUTC(),
                    ConversationProperties.defaults(), StateMachineConversationService.DEFAULT_RETENTION_DAYS);
        }

        private StatsRecorder statsRecorder(DiagnosticCatalog catalog) {
            StatsRecorder recorder = new StatsRecorder(new JdbcTemplate(dataSource), catalog);
            recorder.registerQuestionLists();
            return recorder;
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            dataSource.close();
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Keeps connection-pool and migration chatter out of JMH's result lines. */
    private static void quiet(String logger) {
        if (LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** A prospect and how many questions it has answered in its current round. */
    static final class Walker {
        final ProspectId prospect;
        final int questions;
        int answered;

        Walker(ProspectId prospect, int questions) {
            this.prospect = prospect;
            this.questions = questions;
        }

        View next(StateMachineConversationService service) {
            if (answered == questions) {
                answered = 0;
                return service.handle(prospect, new Command.Restart());
            }
            answered++;
            return service.handle(prospect, new Command.Answer(answered % 3 == 0 ? "no" : "yes"));
        }
    }

    @State(Scope.Thread)
    public static class OneProspect {
        Walker walker;

        @Setup(Level.Trial)
        public void start(Engine engine) {
            walker = new Walker(new ProspectId("bench:single:" + Thread.currentThread().getId()), engine.questions);
            engine.service.handle(walker.prospect, new Command.Start("bench", "Benchmark"));
        }
    }

    @State(Scope.Thread)
    public static class ManyProspects {
        static final int PROSPECTS = 10_000;
        final List<Walker> walkers = new ArrayList<>(PROSPECTS);
        int next;

        @Setup(Level.Trial)
        public void start(Engine engine) {
            long thread = Thread.currentThread().getId();
            for (int i = 0; i < PROSPECTS; i++) {
                Walker walker = new Walker(new ProspectId("bench:many:" + thread + ":" + i), engine.questions);
                engine.service.handle(walker.prospect, new Command.Start("bench", null));
                walkers.add(walker);
            }
        }

        Walker walker() {
            Walker walker = walkers.get(next);
            next = (next + 1) % PROSPECTS;
            return walker;
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public View singleProspectLatency(Engine engine, OneProspect one) {
        return one.walker.next(engine.service);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public View singleProspectThroughput(Engine engine, OneProspect one) {
        return one.walker.next(engine.service);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public View interleavedProspectsLatency(Engine engine, ManyProspects many) {
        return many.walker().next(engine.service);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public View interleavedProspectsThroughput(Engine engine, ManyProspects many) {
        return many.walker().next(engine.service);
    }

    static DiagnosticCatalog catalog(int size) {
        List<Question> questions = new ArrayList<>();
        List<String> counted = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            questions.add(new Question("q" + i, QuestionKind.SIGNAL, "Question " + i + "?", null, false, 0));
            counted.add("q" + i);
        }
        Diagnostic diagnostic = new Diagnostic("bench", "Benchmark", "A diagnostic for measurements", questions,
                counted, List.of(new Band(0, 4, "later", "Few signals."), new Band(5, size, "call", "Many.")),
                List.of(),
                List.of(new OutcomeDefinition("call", OutcomeKind.BOOK, "Book a call", "Fits", "Book", null),
                        new OutcomeDefinition("later", OutcomeKind.ALTERNATIVE, "Later", "Not now", "Read", "More")),
                "Situation", List.of(), "bench-v1", "bench.yaml");
        return new DiagnosticCatalog(List.of(diagnostic),
                new Routing("Which?", null, List.of(new Route("Benchmark", "bench")), "routing.yaml"));
    }
}
