package com.discoverytriage.conversation;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** The storage on the embedded H2 file database the application uses by default. */
@DisplayName("Persistence on H2 (file database)")
class H2ConversationPersistenceTest extends ConversationPersistenceContract {

    @TempDir
    static Path directory;

    private static HikariDataSource dataSource;

    @BeforeAll
    static void startDatabase() {
        dataSource = ConversationFixture.pooled("jdbc:h2:file:" + directory.resolve("triage").toAbsolutePath());
    }

    @AfterAll
    static void stopDatabase() {
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
