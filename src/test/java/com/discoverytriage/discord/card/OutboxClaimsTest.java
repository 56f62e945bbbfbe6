package com.discoverytriage.discord.card;

import com.discoverytriage.discord.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.summary.OutboxRow;
import com.discoverytriage.summary.SummaryOutbox;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Several instances deliver from one outbox: two {@link SummaryOutbox}es over one database stand for two instances.
 * A claimed card is not handed to the other until it is delivered, given up for now, or its claim ran out.
 */
@DisplayName("Card outbox claims: each due card to one instance at a time; a dead instance's claim runs out")
class OutboxClaimsTest {

    private final CardDeliveryTest.MutableClock clock = new CardDeliveryTest.MutableClock();
    private JdbcTemplate jdbc;
    private SummaryOutbox first;
    private SummaryOutbox second;

    @BeforeEach
    void threeDueCards() {
        DataSource ds = MigratedDatabase.fresh();
        jdbc = new JdbcTemplate(ds);
        first = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock);
        second = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock);
        first.record(Fixtures.summary(null, "Acme"));
        String id = Fixtures.summary(null, "Acme").triageId();
        for (String other : List.of("t-2", "t-3")) {
            jdbc.update("INSERT INTO summary_outbox (triage_id, prospect_id, summary_json, revision, delivered_revision,"
                    + " attempts, next_attempt_at, updated_at) SELECT ?, prospect_id, summary_json, 1, 0, 0,"
                    + " next_attempt_at, updated_at FROM summary_outbox WHERE triage_id = ?", other, id);
        }
    }

    @Test
    @DisplayName("the first instance claims all three; the second gets none while the claims last")
    void claimedCardsGoToOneInstance() {
        assertThat(first.claim(20, Duration.ofMinutes(2))).hasSize(3);
        assertThat(second.claim(20, Duration.ofMinutes(2))).isEmpty();
    }

    @Test
    @DisplayName("delivered (posted or edited) or failed for now: the claim ends; a new change is claimable at once")
    void deliveryEndsTheClaim() {
        List<OutboxRow> mine = first.claim(2, Duration.ofMinutes(2));
        assertThat(mine).hasSize(2);
        assertThat(second.claim(20, Duration.ofMinutes(2))).extracting(OutboxRow::triageId)
                .doesNotContainAnyElementsOf(mine.stream().map(OutboxRow::triageId).toList()).hasSize(1);

        first.posted(mine.get(0).triageId(), "1", "99", mine.get(0).revision());
        first.failed(mine.get(1).triageId(), "503", clock.millis());
        first.touch(mine.get(0).triageId()); // changed again after the post

        assertThat(second.claim(20, Duration.ofMinutes(2))).extracting(OutboxRow::triageId)
                .containsExactlyInAnyOrder(mine.get(0).triageId(), mine.get(1).triageId());
    }

    @Test
    @DisplayName("an instance that died holding claims: after the lease the other takes the cards")
    void deadInstancesClaimRunsOut() {
        assertThat(first.claim(20, Duration.ofMinutes(2))).hasSize(3);

        clock.advance(Duration.ofMinutes(1));
        assertThat(second.claim(20, Duration.ofMinutes(2))).isEmpty();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(second.claim(20, Duration.ofMinutes(2))).hasSize(3);
    }
}
