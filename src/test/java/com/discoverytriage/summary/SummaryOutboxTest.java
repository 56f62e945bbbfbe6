package com.discoverytriage.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.fixtures.MigratedDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("The card outbox lists only cards with something to deliver, limited in SQL")
class SummaryOutboxTest {

    private final JdbcTemplate jdbc = new JdbcTemplate(MigratedDatabase.fresh());
    private final SummaryOutbox outbox = new SummaryOutbox(jdbc, ConsoleFixtures.catalog(),
            Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC));

    private static TriageSummary summary(String triageId) {
        return new TriageSummary(triageId, "discord:1", null, null, null, null, null, 0, 0, null, null, List.of(),
                null, null, null, null, null);
    }

    @Test
    @DisplayName("a delivered card leaves the due list (no next attempt); a change made during delivery keeps it due")
    void deliveredCardsAreNotDue() {
        // given three cards to deliver
        for (String id : List.of("t1", "t2", "t3")) {
            outbox.record(summary(id));
        }
        assertThat(outbox.due(2)).hasSize(2);

        // when t1 is posted, and t2 changes while its first post is in flight
        outbox.posted("t1", "42", "m1", 1);
        outbox.touch("t2");
        outbox.posted("t2", "42", "m2", 1);

        // then t1 is done and out of the index's due range; t2 is still due with its newer revision
        assertThat(outbox.due(10)).extracting(OutboxRow::triageId).containsExactly("t2", "t3");
        assertThat(jdbc.queryForObject("SELECT next_attempt_at FROM summary_outbox WHERE triage_id = 't1'",
                Long.class)).isNull();

        // when t2's newer revision is edited in: nothing of it is due any more
        outbox.edited("t2", 2);
        assertThat(outbox.due(10)).extracting(OutboxRow::triageId).containsExactly("t3");

        // and a change to a delivered card makes it due again
        outbox.touch("t1");
        assertThat(outbox.due(10)).extracting(OutboxRow::triageId).contains("t1");
    }
}
