package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.scoring.Rules;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** A migrated database and a way to build conversation services over it, as the application does. */
final class ConversationFixture {

    final DataSource dataSource;
    final TestClock clock = new TestClock();
    final List<ConversationSnapshot> changes = new ArrayList<>();

    ConversationFixture(DataSource dataSource) {
        this.dataSource = dataSource;
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /** A private in-memory H2 database, migrated. */
    static ConversationFixture h2() {
        return new ConversationFixture(pooled("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
    }

    static HikariDataSource pooled(String url) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(url);
        ds.setUsername("sa");
        ds.setPassword("");
        ds.setMaximumPoolSize(8);
        return ds;
    }

    StateMachineConversationService service() {
        return service(TestCatalogs.standard(), null, clock);
    }

    StateMachineConversationService service(DiagnosticCatalog catalog, BookingLinks links, Clock clock) {
        return service(catalog, links, clock, 2);
    }

    StateMachineConversationService service(DiagnosticCatalog catalog, BookingLinks links, Clock clock, int machines) {
        return new StateMachineConversationService(catalog, new Rules(), dataSource,
                new DataSourceTransactionManager(dataSource), List.of(changes::add), links, clock,
                new ConversationProperties(machines, 64), StateMachineConversationService.DEFAULT_RETENTION_DAYS);
    }

    /** The stored conversations as lifecycle sees them: a separate instance, as the application wires it. */
    StoredConversations store() {
        return new ConversationStore(dataSource, new com.fasterxml.jackson.databind.ObjectMapper());
    }

    void close() {
        if (dataSource instanceof HikariDataSource hikari) {
            hikari.close();
        }
    }

    /** A clock the test moves, with a hook run (once) the next time the service reads it. */
    static final class TestClock extends Clock {

        private volatile Instant now = Instant.parse("2025-03-01T10:00:00Z");
        private final AtomicReference<Runnable> onNextRead = new AtomicReference<>();

        void advanceSeconds(long seconds) {
            now = now.plusSeconds(seconds);
        }

        void onNextRead(Runnable hook) {
            onNextRead.set(hook);
        }

        @Override
        public Instant instant() {
            Runnable hook = onNextRead.getAndSet(null);
            if (hook != null) {
                hook.run();
            }
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
