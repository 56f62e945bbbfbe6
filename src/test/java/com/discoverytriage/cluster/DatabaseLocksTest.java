package com.discoverytriage.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The locks that make several processes on one database do singular work once: each "process" here is its own
 * {@link DatabaseLocks} over its own connections, as two instances would be.
 */
@DisplayName("Database locks: one holder across processes on PostgreSQL; H2 refuses a second process clearly")
class DatabaseLocksTest {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    @DisplayName("PostgreSQL: a pass running in one process is skipped by the other; free again afterwards")
    void ifFreeRunsInOneProcessAtATime() throws Exception {
        DatabaseLocks one = new DatabaseLocks(postgres.getPostgresDatabase());
        DatabaseLocks two = new DatabaseLocks(postgres.getPostgresDatabase());
        assertThat(one.shared()).isTrue();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = new Thread(() -> one.ifFree("lifecycle", () -> {
            inside.countDown();
            await(release);
        }));
        first.start();
        inside.await();

        AtomicBoolean ran = new AtomicBoolean();
        assertThat(two.ifFree("lifecycle", () -> ran.set(true))).isFalse();
        assertThat(ran).isFalse();
        assertThat(two.ifFree("another-name", () -> ran.set(true))).isTrue();

        release.countDown();
        first.join();
        assertThat(two.ifFree("lifecycle", () -> { })).isTrue();
    }

    @Test
    @DisplayName("PostgreSQL: one gateway holder; when it lets go (or its connection dies) another takes it")
    void oneHolderThenTakeover() {
        DatabaseLocks one = new DatabaseLocks(postgres.getPostgresDatabase());
        DatabaseLocks two = new DatabaseLocks(postgres.getPostgresDatabase());
        Optional<DatabaseLocks.Held> leader = one.tryHold("gateway");
        assertThat(leader).isPresent();
        assertThat(leader.get().stillHeld()).isTrue();
        assertThat(two.tryHold("gateway")).isEmpty();

        leader.get().close();

        Optional<DatabaseLocks.Held> next = two.tryHold("gateway");
        assertThat(next).isPresent();
        next.get().close();
    }

    @Test
    @DisplayName("H2: a second process on the same database is refused with a message naming H2 and PostgreSQL")
    void h2SecondProcessIsRefused() {
        String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(h2(url)).locations("classpath:db/migration").load().migrate();
        DatabaseLocks one = new DatabaseLocks(h2(url));
        DatabaseLocks two = new DatabaseLocks(h2(url));
        assertThat(one.shared()).isFalse();

        try (DatabaseLocks.Held held = one.tryHold("gateway").orElseThrow()) {
            assertThatThrownBy(() -> two.tryHold("gateway"))
                    .isInstanceOf(DatabaseLocks.SingleInstanceException.class)
                    .hasMessageContaining("H2")
                    .hasMessageContaining("PostgreSQL");
        }
        two.tryHold("gateway").orElseThrow().close();
    }

    @Test
    @DisplayName("H2 refusing its file to a second process (error 90020) becomes one clear start-up message")
    void h2FileInUseIsExplained() {
        FailureAnalysis analysis = new SingleInstanceFailureAnalyzer().analyze(
                new IllegalStateException(new SQLException("Database may be already in use", "90020", 90020)));
        assertThat(analysis.getDescription()).contains("H2").contains("one instance");
        assertThat(analysis.getAction()).contains("PostgreSQL");
        assertThat(new SingleInstanceFailureAnalyzer().analyze(new SQLException("other", "08001", 1))).isNull();
    }

    private static DataSource h2(String url) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        return ds;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
