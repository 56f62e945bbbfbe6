package com.discoverytriage.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Issue 9, item 8: the database's files are private (600), including one H2 writes while it closes. H2 2.3.232 can
 * fail an internal assertion while compacting the file on close (h2database issue #4086) and then writes
 * {@code triage.trace.db} with the process's umask (644 here), which made {@code DatabaseFilesTest} fail about one
 * run in four. The stand-in data source below writes such a file in its close, as H2 does.
 */
@DisplayName("The database's files stay private when H2 writes one while closing")
class DatabaseFilesAfterCloseTest {

    @TempDir
    Path tmp;

    /** A data source that, like H2 on a failed compaction, leaves a world-readable trace file when closed. */
    static class TracingOnClose extends DriverManagerDataSource implements Closeable {
        private final Path trace;

        TracingOnClose(Path trace) {
            this.trace = trace;
        }

        @Override
        public void close() {
            try {
                Files.writeString(trace, "General error while compacting");
                Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Source {
        @Bean
        TracingOnClose dataSource(org.springframework.core.env.Environment environment) {
            Path base = EmbeddedDatabaseFiles.base(environment.getProperty("spring.datasource.url")).orElseThrow();
            return new TracingOnClose(base.resolveSibling(base.getFileName() + ".trace.db"));
        }
    }

    @Test
    void givenH2WritesATraceFileWhileClosing_whenTheApplicationStops_thenTheFileIsMadePrivate() throws IOException {
        Path data = tmp.resolve("data");
        new ApplicationContextRunner()
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + data.resolve("triage"))
                .withUserConfiguration(StorageConfiguration.class, Source.class)
                .run(context -> assertThat(context).hasNotFailed());

        Path trace = data.resolve("triage.trace.db");
        assertThat(trace).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(trace))).isEqualTo("rw-------");
    }
}
