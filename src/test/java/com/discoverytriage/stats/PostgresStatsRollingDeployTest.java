package com.discoverytriage.stats;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The same rolling-deploy cases on a real PostgreSQL (embedded server), a fresh database each: every test and
 * assertion is inherited from {@link StatsRollingDeployTest}; only the database differs.
 */
@DisplayName("Statistics during a rolling deploy, on PostgreSQL (embedded server)")
class PostgresStatsRollingDeployTest extends StatsRollingDeployTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void start() throws IOException {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stop() throws IOException {
        postgres.close();
    }

    @Override
    ApplicationContextRunner runner() {
        String name = "rolling_" + DATABASES.incrementAndGet();
        String url = postgres.getJdbcUrl("postgres", "postgres");
        SingleConnectionDataSource admin = new SingleConnectionDataSource(url, "postgres", "", true);
        try {
            new JdbcTemplate(admin).execute("CREATE DATABASE " + name);
        } finally {
            admin.destroy();
        }
        return super.runner().withPropertyValues("spring.datasource.url=" + postgres.getJdbcUrl("postgres", name),
                "spring.datasource.username=postgres", "spring.datasource.password=");
    }
}
