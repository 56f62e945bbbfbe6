package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.DiscoveryTriageApplication;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Issue 9, item 4: with the bot running on the default embedded database, a second process (the CLI's export)
 * must work on the same file instead of failing with "file is locked". The bot is stood in for by this JVM holding
 * the database open with the default URL of application.yml; the CLI is a real second JVM, started in a directory
 * where that default URL ({@code ./data/triage...}) resolves to the same file. A real second process is the only
 * faithful check of H2's file lock, hence the few seconds this test takes.
 */
@DisplayName("The default database admits a second process while the bot holds it")
class SharedDatabaseProcessTest {

    @TempDir
    Path work;

    @SuppressWarnings("unchecked")
    private static String defaultUrl() throws IOException {
        try (InputStream in = SharedDatabaseProcessTest.class.getResourceAsStream("/application.yml")) {
            Map<String, Object> yml = new Yaml().load(in);
            return (String) ((Map<String, Object>) ((Map<String, Object>) yml.get("spring")).get("datasource")).get("url");
        }
    }

    @Test
    void givenTheBotHoldsTheDefaultDatabase_whenExportRunsInAnotherProcess_thenItSucceeds() throws Exception {
        String url = defaultUrl();
        assertThat(url).startsWith("jdbc:h2:file:./data/triage");
        String held = url.replace("./data/triage", work.resolve("data/triage").toString());
        System.setProperty("h2.bindAddress", "127.0.0.1");
        try (Connection bot = DriverManager.getConnection(held, "sa", "")) {
            Flyway.configure().dataSource(held, "sa", "").locations("classpath:db/migration").load().migrate();
            try (Statement s = bot.createStatement()) {
                s.execute("SELECT COUNT(*) FROM conversation");
            }

            Process cli = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), DiscoveryTriageApplication.class.getName(),
                    "export", "--format", "json",
                    "--triage.conversations-dir=" + Path.of("conversations").toAbsolutePath()))
                    .directory(work.toFile())
                    .redirectOutput(work.resolve("out.txt").toFile())
                    .redirectError(work.resolve("err.txt").toFile())
                    .start();
            boolean finished = cli.waitFor(90, TimeUnit.SECONDS);
            if (!finished) {
                cli.destroyForcibly();
            }
            String err = Files.readString(work.resolve("err.txt"), StandardCharsets.UTF_8);
            assertThat(finished).as("the CLI finished").isTrue();
            assertThat(cli.exitValue()).as(err).isZero();
            assertThat(err).doesNotContain("locked");
            assertThat(Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8).strip()).isEqualTo("[ ]");
        }
        assertThat(new File(work.toFile(), "data/triage.mv.db")).exists();
    }
}
