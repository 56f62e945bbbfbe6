package com.discoverytriage.benchmark;

import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.LifecycleFixture;
import com.discoverytriage.lifecycle.LifecycleScheduler;
import com.discoverytriage.lifecycle.RetentionPurge;
import com.discoverytriage.summary.SummaryOutbox;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The volume benchmark of issue 11 (a documented command, never part of {@code verify}): fills H2 and PostgreSQL with
 * N stored conversations shaped like a year of real ones (and their finished triages, cards and lifecycle rows), then
 * measures, through the application's own beans:
 * <ul>
 *   <li>a lifecycle pass with nothing due, the card outbox's due query, a lookup by triage id, a one-day export;</li>
 *   <li>the pass that handles 1,000 due (400 reminders, 300 expiries, 300 "decided, not booked"), three times over
 *   fresh rows: wall time, the application's CPU, the PostgreSQL server's CPU, the load average;</li>
 *   <li>the daily purge of the N/10 triages past retention: total and longest transaction;</li>
 *   <li>database size per stored conversation.</li>
 * </ul>
 * Run: {@code ./mvnw -B -Pvolume test-compile exec:exec [-Dvolume.args="--sizes=100000,1000000 --databases=h2,postgres"]}
 * ({@code --skip-purge} leaves the daily purge out).
 * The rows are generated in SQL ({@code SYSTEM_RANGE} / {@code generate_series}), 50,000 per statement.
 */
public final class VolumeBenchmark {

    private static final Instant NOW = LifecycleFixture.T0;
    private static final long YEAR = 365L * 86_400;
    private static final int CHUNK = 50_000;
    /** Chunks loaded at once, each on its own connection. */
    private static final int LOADERS = 3;
    /** Passes over 1,000 fresh due rows, each measured. */
    private static final int DUE_ROUNDS = 3;

    /** The secondary indexes of the migrations (V11, V12, V20, V2, V30) on the tables generated here. */
    private static final String[][] INDEXES = {
        {"summary_outbox_due", "summary_outbox (next_attempt_at)"},
        {"lead_lifecycle_prospect", "lead_lifecycle (prospect_id)"},
        {"finished_triage_diagnostic", "finished_triage (diagnostic_id, finished_at)"},
        {"conversation_follow_up", "conversation (follow_up, updated_at)"},
        {"conversation_updated", "conversation (updated_at)"},
        {"finished_triage_follow_up", "finished_triage (follow_up, finished_at)"},
        {"finished_triage_finished", "finished_triage (finished_at)"},
        {"lead_lifecycle_stage", "lead_lifecycle (stage)"},
        {"conversation_triage", "conversation (triage_id)"},
        {"conversation_started", "conversation (started_at)"},
        {"finished_triage_started", "finished_triage (started_at)"},
        {"finished_triage_prospect", "finished_triage (prospect_id)"},
        {"summary_outbox_prospect", "summary_outbox (prospect_id)"},
    };

    private static boolean skipPurge;

    private VolumeBenchmark() {
    }

    record Result(String database, int size, long loadSeconds, double bytesPerConversation, double nothingDueMedian,
            double nothingDueMax, double nothingDueCpu, double purgeCpu, double outboxDueMedian,
            double lookupMedian, double exportDayMs, int exportDayRows, List<DuePass> due, int purged,
            double purgeSeconds, double longestPurgeBatchMs, int purgeBatches) {

        DuePass medianDue() {
            return due.stream().sorted(Comparator.comparingDouble(DuePass::wallMs)).toList().get(due.size() / 2);
        }
    }

    /**
     * One pass over 1,000 due rows: how many it handled ({@code later}: left for the passes after it, which took
     * {@code laterMs}), its wall time, the CPU of the thread that ran it (on H2 that includes the database's work), the PostgreSQL server's
     * CPU over the same time (NaN on H2), and the one-minute load average around it.
     */
    record DuePass(int handled, int later, double wallMs, double laterMs, double appCpuMs, double databaseCpuMs, double load) {
    }

    public static void main(String[] args) throws Throwable {
        List<Integer> sizes = List.of(100_000, 1_000_000);
        List<String> databases = List.of("h2", "postgres");
        Path root = Path.of("target", "volume");
        for (String arg : args) {
            if (arg.startsWith("--sizes=")) {
                sizes = Arrays.stream(arg.substring(8).split(",")).map(Integer::parseInt).toList();
            } else if (arg.startsWith("--databases=")) {
                databases = List.of(arg.substring(12).split(","));
            } else if (arg.equals("--skip-purge")) {
                skipPurge = true;
            } else if (arg.startsWith("--dir=")) {
                root = Path.of(arg.substring(6));
            }
        }
        List<Result> results = new ArrayList<>();
        for (String database : databases) {
            for (int size : sizes) {
                Result r = run(database, size, root.resolve(database + "-" + size));
                results.add(r);
                System.out.println(r);
                print(results);
            }
        }
        print(results);
    }

    private static Result run(String database, int size, Path dir) throws Throwable {
        delete(dir);
        Files.createDirectories(dir);
        boolean postgres = database.equals("postgres");
        Path pgData = postgres ? dir.resolve("pg") : null;
        EmbeddedPostgres pg = postgres ? EmbeddedPostgres.builder()
                .setDataDirectory(dir.resolve("pg"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_wal_size", "4GB")
                .start() : null;
        try {
            LifecycleFixture.MovableClock clock = new LifecycleFixture.MovableClock();
            ApplicationContextRunner runner = LifecycleFixture.runner(dir, clock,
                    new LifecycleFixture.RecordingNotifier());
            if (pg != null) {
                runner = runner.withPropertyValues("spring.datasource.url=" + pg.getJdbcUrl("postgres", "postgres"),
                        "spring.datasource.username=postgres", "spring.datasource.password=");
            }
            Result[] out = new Result[1];
            runner.withPropertyValues("spring.datasource.hikari.maximum-pool-size=4").run(c -> {
                if (c.getStartupFailure() != null) {
                    throw c.getStartupFailure();
                }
                JdbcTemplate jdbc = c.getBean(JdbcTemplate.class);
                Dialect dialect = postgres ? Dialect.POSTGRES : Dialect.H2;
                int purgeCount = size / 10;
                long t0 = System.nanoTime();
                generate(jdbc, dialect, size, purgeCount);
                long loadSeconds = (System.nanoTime() - t0) / 1_000_000_000L;
                System.out.printf(Locale.ROOT, "%s %,d: generated in %d s%n", database, size, loadSeconds);
                double bytes = (postgres
                        ? jdbc.queryForObject("SELECT pg_database_size(current_database())", Long.class)
                        : Files.size(dir.resolve("triage.mv.db"))) / (double) size;

                LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);
                SummaryOutbox outbox = c.getBean(SummaryOutbox.class);
                StoredConversations stored = c.getBean(StoredConversations.class);
                for (int i = 0; i < 5; i++) {
                    check(scheduler.runOnce(), 0);
                    outbox.due(20);
                }
                long c0 = cpu();
                double[] nothing = times(30, () -> check(scheduler.runOnce(), 0));
                double nothingCpu = (cpu() - c0) / 30 / 1e6;
                plans(jdbc, postgres);
                double[] outboxDue = times(30, () -> {
                    if (!outbox.due(20).isEmpty()) {
                        throw new IllegalStateException("a card is due in the generated data");
                    }
                });
                String someTriage = triage(size / 2);
                double[] lookups = times(30, () -> stored.prospectOf(someTriage).orElseThrow());
                TriageExport export = c.getBean(TriageExport.class);
                long e0 = System.nanoTime();
                String day = export.csv(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(29)));
                double exportMs = (System.nanoTime() - e0) / 1e6;
                int exportRows = (int) day.lines().count() - 1;

                // the pass that handles 1,000 due rows, three times over fresh rows (one sample is one pass on a
                // shared machine): wall time, this thread's CPU, PostgreSQL's CPU, and the load average around it
                List<DuePass> due = new ArrayList<>();
                for (int round = 0; round < DUE_ROUNDS; round++) {
                    makeDue(jdbc, dialect, size, round);
                    double load = load();
                    long p0 = System.nanoTime();
                    long pc = cpu();
                    long dc = databaseCpu(pgData);
                    LifecycleScheduler.Report report = scheduler.runOnce();
                    double ms = (System.nanoTime() - p0) / 1e6;
                    double appCpu = (cpu() - pc) / 1e6;
                    double dbCpu = pg == null ? Double.NaN : (databaseCpu(pgData) - dc) / 1e6;
                    int handled = report.stalled() + report.abandoned() + report.notBooked();
                    // whatever one pass left, handled by the passes after it (none is expected)
                    int later = 0;
                    double laterMs = 0;
                    for (int pass = 0; pass < 20; pass++) {
                        long l0 = System.nanoTime();
                        LifecycleScheduler.Report more = scheduler.runOnce();
                        int n = more.stalled() + more.abandoned() + more.notBooked();
                        if (n == 0) {
                            break;
                        }
                        laterMs += (System.nanoTime() - l0) / 1e6;
                        later += n;
                    }
                    DuePass d = new DuePass(handled, later, ms, laterMs, appCpu, dbCpu, (load + load()) / 2);
                    System.out.println("  " + d);
                    due.add(d);
                }

                RetentionPurge purge = c.getBean(RetentionPurge.class);
                long q0 = System.nanoTime();
                long qc = cpu();
                // --skip-purge: a run about the passes only (the purge of a million rows' tenth takes minutes)
                int purged = skipPurge ? 0 : purge.purge(clock.instant());
                double purgeSeconds = (System.nanoTime() - q0) / 1e9;
                double purgeCpu = (cpu() - qc) / 1e9;
                int batches = (purged + 499) / 500;
                out[0] = new Result(database, size, loadSeconds, bytes, median(nothing), max(nothing), nothingCpu,
                        purgeCpu, median(outboxDue), median(lookups), exportMs, exportRows, due, purged, purgeSeconds,
                        purge.longestBatch().toNanos() / 1e6, batches);
            });
            return out[0];
        } finally {
            if (pg != null) {
                pg.close();
            }
            delete(dir);
        }
    }

    /** CPU time of this thread: on H2 it includes the database's own work; on PostgreSQL only the client's. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /**
     * The plans of a pass's queries, as {@code ConversationStore} and {@code SummaryOutbox} send them, executed: they
     * name the index and how many rows were read, whatever the machine's load.
     */
    private static void plans(JdbcTemplate jdbc, boolean postgres) {
        String explain = postgres ? "EXPLAIN (ANALYZE, BUFFERS, TIMING OFF) " : "EXPLAIN ANALYZE ";
        String ts = "TIMESTAMP WITH TIME ZONE '";
        List<String> queries = List.of(
                "SELECT prospect_id, triage_id, step, updated_at FROM conversation WHERE follow_up = 'remind'"
                        + " AND updated_at < " + ts + sql(NOW.minus(Duration.ofHours(24))) + "' ORDER BY updated_at LIMIT 200",
                "SELECT prospect_id, triage_id, step, updated_at FROM conversation WHERE follow_up = 'expire'"
                        + " AND updated_at < " + ts + sql(NOW.minus(Duration.ofDays(7))) + "' ORDER BY updated_at"
                        + " LIMIT 200",
                "SELECT triage_id, prospect_id FROM finished_triage WHERE follow_up = 'nudge' AND finished_at < " + ts
                        + sql(NOW.minus(Duration.ofHours(48))) + "' ORDER BY finished_at LIMIT 200",
                "SELECT triage_id FROM summary_outbox WHERE next_attempt_at BETWEEN 0 AND " + NOW.toEpochMilli()
                        + " AND revision > delivered_revision ORDER BY next_attempt_at, triage_id LIMIT 20");
        for (String q : queries) {
            System.out.println("PLAN " + q);
            jdbc.query(explain + q, rs -> {
                System.out.println("  " + rs.getString(1).replace("\n", "\n  "));
            });
        }
    }

    private static void check(LifecycleScheduler.Report report, int expected) {
        int did = report.stalled() + report.reminded() + report.abandoned() + report.notBooked() + report.purged();
        if (did != expected) {
            throw new IllegalStateException("a pass with nothing due did something: " + report);
        }
    }

    /** The SQL that differs: a row source of x = from..to, and "seconds before NOW" as a timestamp. */
    enum Dialect {
        H2 {
            @Override
            String range(int from, int to) {
                return "SYSTEM_RANGE(" + from + ", " + to + ") r";
            }

            @Override
            String ago(String seconds) {
                return "DATEADD(SECOND, -(" + seconds + "), TIMESTAMP WITH TIME ZONE '" + sqlNow() + "')";
            }
        },
        POSTGRES {
            @Override
            String range(int from, int to) {
                return "generate_series(" + from + ", " + to + ") AS r(x)";
            }

            @Override
            String ago(String seconds) {
                return "(TIMESTAMPTZ '" + sqlNow() + "' - (" + seconds + ") * INTERVAL '1 second')";
            }
        };

        abstract String range(int from, int to);

        abstract String ago(String seconds);

        static String sqlNow() {
            return sql(NOW);
        }
    }

    static String sql(Instant instant) {
        return instant.toString().replace('T', ' ').replace("Z", "+00");
    }

    static String triage(long x) {
        return "bench-" + String.format(Locale.ROOT, "%030d", x);
    }

    /**
     * x = 1..N, youngest first, spread over a year and N/10 rows past it. Of every 20: 14 decided (a third "book",
     * with a finished triage), 2 cancelled, 4 left at a question (reminded after a day, abandoned after a week).
     * Every triage has a delivered card.
     */
    private static void generate(JdbcTemplate jdbc, Dialect d, int size, int purgeCount) {
        String age = "(60 + CAST(x AS BIGINT) * " + YEAR + " / " + (size - purgeCount) + ")";
        String idle = "(" + age + " - 60)";
        String kind = "MOD(x, 20)";
        String book = "MOD(x, 3) = 0";
        String decided = kind + " < 14";
        String triage = "'bench-' || LPAD(CAST(x AS VARCHAR(20)), 30, '0')";
        String prospect = "'discord:' || CAST(100000000000000000 + x AS VARCHAR(20))";
        String millisAgo = NOW.toEpochMilli() + " - 1000 * ";
        String answers = answers(31);
        String history = history(33);
        String tinyAnswers = "{\"company\":\"A small software company\",\"early\":\"no\"}";
        String summary = summaryJson();
        // a bulk load: secondary indexes are dropped and built again afterwards, as an import would
        for (String[] index : INDEXES) {
            jdbc.execute("DROP INDEX " + index[0]);
        }
        java.util.concurrent.ExecutorService loaders = java.util.concurrent.Executors.newFixedThreadPool(LOADERS);
        List<java.util.concurrent.Future<?>> chunks = new ArrayList<>();
        for (int start = 1; start <= size; start += CHUNK) {
            int from = start;
            int to = Math.min(size, from + CHUNK - 1);
            chunks.add(loaders.submit(() -> {
            String rows = d.range(from, to);
            jdbc.update("INSERT INTO conversation (prospect_id, triage_id, display_name, state, diagnostic_id,"
                    + " diagnostic_version, answers, history, step, version, outcome_kind, outcome_id, started_at,"
                    + " updated_at, finished_at, follow_up) SELECT " + prospect + ", " + triage + ", 'Prospect ' || "
                    + "CAST(x AS VARCHAR(20)), CASE WHEN " + decided + " THEN 'DECIDED' WHEN " + kind + " < 16 THEN"
                    + " 'CANCELLED' ELSE 'Q:tiny:s1' END, 'tiny', '" + "0".repeat(40) + "', CASE WHEN " + kind
                    + " < 16 THEN ? ELSE ? END, ?, 33, 33, CASE WHEN " + decided + " THEN (CASE WHEN " + book
                    + " THEN 'book' ELSE 'advice' END) END, CASE WHEN " + decided + " THEN (CASE WHEN " + book
                    + " THEN 'book' ELSE 'advice' END) END, " + d.ago(age) + ", " + d.ago(idle) + ", CASE WHEN "
                    + decided + " THEN " + d.ago(idle) + " END, CASE WHEN " + kind + " >= 16 THEN (CASE WHEN " + idle
                    + " < 86400 THEN 'remind' WHEN " + idle + " < 604800 THEN 'expire' END) END FROM " + rows,
                    answers, tinyAnswers, history);
            jdbc.update("INSERT INTO finished_triage (triage_id, prospect_id, display_name, diagnostic_id,"
                    + " diagnostic_version, answers, outcome_kind, outcome_id, started_at, finished_at, follow_up)"
                    + " SELECT " + triage + ", " + prospect + ", 'Prospect ' || CAST(x AS VARCHAR(20)), 'tiny', '"
                    + "0".repeat(40) + "', ?, CASE WHEN " + book + " THEN 'book' ELSE 'advice' END, CASE WHEN "
                    + book + " THEN 'book' ELSE 'advice' END, " + d.ago(age) + ", " + d.ago(idle) + ", CASE WHEN "
                    + book + " AND " + idle + " < 172800 THEN 'nudge' END FROM " + rows + " WHERE " + decided,
                    answers);
            jdbc.update("INSERT INTO lead_lifecycle (triage_id, prospect_id, stage, question_number, question_total,"
                    + " stalled_step, reminded_at, reminder_result, stage_at) SELECT " + triage + ", " + prospect
                    + ", CASE WHEN " + idle + " >= 604800 THEN 'abandoned' ELSE 'stalled' END, 3, 5, 33, "
                    + millisAgo + "(" + idle + " - 86400), 'sent', " + millisAgo + "(" + idle + " - 86400) FROM "
                    + rows + " WHERE " + kind + " >= 16 AND " + idle + " >= 86400");
            jdbc.update("INSERT INTO lead_lifecycle (triage_id, prospect_id, stage, stage_at) SELECT " + triage + ", "
                    + prospect + ", CASE WHEN MOD(x, 6) = 0 THEN 'booked' ELSE 'decided-not-booked' END, "
                    + millisAgo + "(" + idle + " - 172800) FROM " + rows + " WHERE " + decided + " AND " + book
                    + " AND " + idle + " >= 172800");
            jdbc.update("INSERT INTO summary_outbox (triage_id, prospect_id, summary_json, revision, delivered_revision,"
                    + " channel_id, message_id, attempts, next_attempt_at, updated_at) SELECT " + triage + ", "
                    + prospect + ", ?, 3, 3, '1200000000000000001', CAST(1300000000000000000 + x AS VARCHAR(20)), 0,"
                    + " NULL, " + millisAgo + idle + " FROM " + rows, summary);
            System.out.printf(Locale.ROOT, "  rows up to %,d of %,d loaded%n", to, size);
            }));
        }
        try {
            for (java.util.concurrent.Future<?> chunk : chunks) {
                chunk.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("loading failed", e);
        } finally {
            loaders.shutdownNow();
        }
        for (String[] index : INDEXES) {
            jdbc.execute("CREATE INDEX " + index[0] + " ON " + index[1]);
        }
        jdbc.update("INSERT INTO lifecycle_job (job, last_run_at) VALUES ('retention', ?)", NOW.toEpochMilli());
        jdbc.execute("ANALYZE");
    }

    /**
     * 1,000 rows become due as if their prospects had acted again a while ago: 400 wait for a reminder (idle 25 h),
     * 300 for expiry (idle 8 days, stalled and reminded), 300 book outcomes for "decided, not booked" (3 days), spread over the stored
     * rows. Each round takes its rows from its own quarter of the year (sizes from 100,000 on: no row is taken twice;
     * the purge's oldest tenth is never taken).
     */
    private static void makeDue(JdbcTemplate jdbc, Dialect d, int size, int round) {
        long region = size / 4L;
        long from = 100 + round * region;
        List<String> remind = new ArrayList<>();
        List<String> expire = new ArrayList<>();
        List<String> nudge = new ArrayList<>();
        for (int k = 0; k < 400; k++) {
            remind.add(triage(20L * ((from + k * region / 400) / 20) + 16));
        }
        for (int k = 0; k < 300; k++) {
            expire.add(triage(20L * ((from + k * region / 300) / 20) + 17));
            nudge.add(triage(60L * ((from + k * region / 300) / 60 + 1)));
        }
        for (List<String> ids : List.of(remind, expire, nudge)) {
            if (new java.util.HashSet<>(ids).size() != ids.size()) {
                throw new IllegalArgumentException("too few stored rows for 1,000 distinct due rows: use 100,000 or more");
            }
            jdbc.update("DELETE FROM lead_lifecycle WHERE triage_id IN (" + marks(ids) + ")", ids.toArray());
        }
        jdbc.update("UPDATE conversation SET follow_up = 'remind', step = step + 1, updated_at = " + d.ago("90000")
                + " WHERE triage_id IN (" + marks(remind) + ")", remind.toArray());
        jdbc.update("UPDATE conversation SET follow_up = 'expire', step = step + 1, updated_at = " + d.ago("691200")
                + " WHERE triage_id IN (" + marks(expire) + ")", expire.toArray());
        // as in real life, a stall waiting for expiry was recorded and reminded a day after it stopped
        long remindedAt = NOW.toEpochMilli() - 1000L * (691200 - 86400);
        jdbc.update("INSERT INTO lead_lifecycle (triage_id, prospect_id, stage, question_number, question_total,"
                + " stalled_step, reminded_at, reminder_result, stage_at) SELECT triage_id, prospect_id, 'stalled', 3,"
                + " 5, step, " + remindedAt + ", 'sent', " + remindedAt + " FROM conversation WHERE triage_id IN ("
                + marks(expire) + ")", expire.toArray());
        jdbc.update("UPDATE finished_triage SET follow_up = 'nudge', finished_at = " + d.ago("259200")
                + " WHERE triage_id IN (" + marks(nudge) + ")", nudge.toArray());
    }

    /** The one-minute load average of the machine (other processes included). */
    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * CPU time (user + system) of the embedded PostgreSQL server's backends that serve the pool's connections (they
     * live as long as the connections), from {@code /proc}, in 10 ms ticks; 0 without PostgreSQL or {@code /proc}.
     * The WAL writer, checkpointer and autovacuum are left out: their work is not the pass's alone.
     */
    private static boolean client(Path proc) {
        try {
            String cmdline = Files.readString(proc.resolve("cmdline"));
            return cmdline.contains("127.0.0.1") || cmdline.contains("[local]");
        } catch (IOException e) {
            return false;
        }
    }

    private static long databaseCpu(Path pgData) {
        if (pgData == null) {
            return 0;
        }
        try {
            long postmaster = Long.parseLong(Files.readAllLines(pgData.resolve("postmaster.pid")).get(0).trim());
            long ticks = 0;
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] f;
                    try {
                        String stat = Files.readString(proc.resolve("stat"));
                        f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    } catch (IOException e) {
                        continue; // ended meanwhile
                    }
                    // after ')': state(0) ppid(1) ... utime(11) stime(12); only the backends serving connections
                    // ("postgres: user db 127.0.0.1(port) ..."), not autovacuum or the checkpointer
                    if (Long.parseLong(f[1]) == postmaster && client(proc)) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                }
            }
            return ticks * 10_000_000L; // USER_HZ is 100 on Linux
        } catch (IOException e) {
            return 0;
        }
    }

    private static String marks(List<String> ids) {
        return String.join(", ", java.util.Collections.nCopies(ids.size(), "?"));
    }

    private static String answers(int count) {
        StringBuilder json = new StringBuilder("{");
        String[] values = {"yes", "no", "unsure", "A team of eight engineers and one product manager"};
        for (int i = 1; i <= count; i++) {
            json.append(i > 1 ? "," : "").append("\"q").append(i).append("\":\"").append(values[i % values.length])
                    .append('"');
        }
        return json.append('}').toString();
    }

    private static String history(int count) {
        StringBuilder json = new StringBuilder("[\"ROUTING\"");
        for (int i = 1; i < count; i++) {
            json.append(",\"Q:product-leadership:q").append(i).append('"');
        }
        return json.append(']').toString();
    }

    /** A card's stored summary of about the size the application writes for a decided triage. */
    private static String summaryJson() {
        StringBuilder answers = new StringBuilder();
        for (int i = 1; i <= 31; i++) {
            answers.append(i > 1 ? "," : "").append("{\"questionId\":\"q").append(i)
                    .append("\",\"question\":\"Does the team have a clear product owner for question ").append(i)
                    .append("?\",\"answer\":\"yes\"}");
        }
        return "{\"triageId\":\"bench\",\"prospectId\":\"discord:1\",\"displayName\":\"Prospect\","
                + "\"diagnosticId\":\"tiny\",\"diagnosticTitle\":\"Product leadership\",\"phase\":\"DECIDED\","
                + "\"outcomeKind\":\"book\",\"questionNumber\":31,\"questionTotal\":31,\"answers\":[" + answers
                + "],\"reasons\":[\"Strong product signals\",\"Decision maker\"]}";
    }

    private static double[] times(int n, Runnable action) {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            action.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(0);
    }

    private static void print(List<Result> results) {
        StringBuilder table = new StringBuilder("\n| measure |");
        results.forEach(r -> table.append(' ').append(r.database()).append(String.format(Locale.ROOT, " %,d |",
                r.size())));
        table.append("\n|---|").append("---:|".repeat(results.size())).append('\n');
        row(table, results, "generate (s)", r -> String.valueOf(r.loadSeconds()));
        row(table, results, "database size per conversation", r -> String.format(Locale.ROOT, "%.1f KB",
                r.bytesPerConversation() / 1024));
        row(table, results, "lifecycle pass, nothing due: median / max of 30", r -> String.format(Locale.ROOT,
                "%.1f / %.1f ms", r.nothingDueMedian(), r.nothingDueMax()));
        row(table, results, "lifecycle pass, nothing due: CPU of the pass (mean)", r -> String.format(Locale.ROOT,
                "%.2f ms", r.nothingDueCpu()));
        row(table, results, "card outbox due query, nothing due (median)", r -> String.format(Locale.ROOT,
                "%.2f ms", r.outboxDueMedian()));
        row(table, results, "prospect of a triage id (median)", r -> String.format(Locale.ROOT, "%.2f ms",
                r.lookupMedian()));
        row(table, results, "one-day export (rows)", r -> String.format(Locale.ROOT, "%.0f ms (%d)", r.exportDayMs(),
                r.exportDayRows()));
        row(table, results, "1,000 due: rows the pass handled (left for later passes)", r -> r.due().stream()
                .map(d -> d.handled() + " (" + d.later() + ")").collect(java.util.stream.Collectors.joining(", ")));
        row(table, results, "1,000 due: the later passes, wall (each)", r -> r.due().stream()
                .map(d -> String.format(Locale.ROOT, "%.0f ms", d.laterMs()))
                .collect(java.util.stream.Collectors.joining(", ")));
        row(table, results, "1,000 due: the pass, wall (median of " + DUE_ROUNDS + "; each)", r -> String.format(
                Locale.ROOT, "%.0f ms (%s)", r.medianDue().wallMs(), r.due().stream()
                        .map(d -> String.format(Locale.ROOT, "%.0f", d.wallMs()))
                        .collect(java.util.stream.Collectors.joining(", "))));
        row(table, results, "1,000 due: CPU of the pass, application / PostgreSQL server (that median pass)",
                r -> String.format(Locale.ROOT, "%.0f ms / %s", r.medianDue().appCpuMs(),
                        Double.isNaN(r.medianDue().databaseCpuMs()) ? "-"
                                : String.format(Locale.ROOT, "%.0f ms", r.medianDue().databaseCpuMs())));
        row(table, results, "1,000 due: load average during the passes", r -> r.due().stream()
                .map(d -> String.format(Locale.ROOT, "%.1f", d.load()))
                .collect(java.util.stream.Collectors.joining(", ")));
        row(table, results, "daily purge: triages, total", r -> String.format(Locale.ROOT, "%,d in %.1f s",
                r.purged(), r.purgeSeconds()));
        row(table, results, "daily purge: CPU", r -> String.format(Locale.ROOT, "%.1f s", r.purgeCpu()));
        row(table, results, "daily purge: longest transaction (the log line gives their number)",
                r -> String.format(Locale.ROOT, "%.0f ms", r.longestPurgeBatchMs()));
        System.out.println(table);
    }

    private static void row(StringBuilder table, List<Result> results, String name,
            java.util.function.Function<Result, String> cell) {
        table.append("| ").append(name).append(" |");
        results.forEach(r -> table.append(' ').append(cell.apply(r)).append(" |"));
        table.append('\n');
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
