package com.discoverytriage.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.lifecycle.LifecycleFixture.RecordingNotifier;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's batched statements (multi-row VALUES, IN lists, row-value IN, SELECT ... FOR UPDATE) on a real
 * PostgreSQL (embedded server), with reminder groups of {@link LifecycleScheduler#REMINDER_GROUP} filled more than
 * once. Fewer rows than on H2: the batching across queries is the same code on both.
 */
@DisplayName("Stalls, expiry and missing bookings in batches, on PostgreSQL (embedded server)")
class PostgresLifecycleSchedulerTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("one pass reminds, flags and abandons every due row, each once")
    void everyDueRowOnPostgres() throws Exception {
        MovableClock clock = new MovableClock();
        RecordingNotifier notifier = new RecordingNotifier();
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            LifecycleSchedulerTest.everyDueRowInOnePass(LifecycleFixture.runner(directory, clock, notifier)
                    .withPropertyValues("spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                            "spring.datasource.username=postgres", "spring.datasource.password="),
                    clock, notifier, 2 * LifecycleScheduler.REMINDER_GROUP + 5);
        }
        // (everyDueRowInOnePass asserts each pass; this is what a stalled prospect notices: one reminder each)
        assertThat(notifier.reminded).hasSize(2 * LifecycleScheduler.REMINDER_GROUP + 5).doesNotHaveDuplicates();
    }
}
