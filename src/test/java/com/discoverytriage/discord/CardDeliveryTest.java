package com.discoverytriage.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Summary cards: written to the database first, posted once, then only edited, retried with backoff")
class CardDeliveryTest {

    private static final long CHANNEL = 42L;
    private final MutableClock clock = new MutableClock();
    private final FakeSender sender = new FakeSender();
    private final BotHealth health = new BotHealth();
    private JdbcTemplate jdbc;
    private SummaryOutbox outbox;
    private LeadRecords leads;

    @BeforeEach
    void database() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(ds);
        outbox = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock);
        leads = new LeadRecords(jdbc, clock);
    }

    private CardDelivery delivery() {
        return new CardDelivery(outbox, leads, new CardRenderer(CustomIds.derivedFrom("k")), sender, health, CHANNEL,
                Duration.ofMinutes(10), clock, () -> 0.5);
    }

    @Test
    @DisplayName("a card is posted once, then each change edits the same message")
    void postOnceThenEdit() {
        outbox.record(Fixtures.summary(null, "Acme"));
        assertThat(delivery().runOnce()).isEqualTo(1);
        outbox.record(Fixtures.summary(Fixtures.book(), "Acme"));
        leads.setStatus(Fixtures.summary(null, "x").triageId(), com.discoverytriage.summary.LeadState.Status.CONTACTED, "C");
        outbox.touch(Fixtures.summary(null, "x").triageId());
        delivery().runOnce();
        assertThat(delivery().runOnce()).isZero();
        assertThat(sender.calls).containsExactly("post", "edit");
        assertThat(sender.lastCard).contains("Contacted");
    }

    @Test
    @DisplayName("5xx and timeouts are retried after a jittered, growing wait; nothing is lost")
    void retry() {
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.failures.add(new DiscordFailure(502, 0, "bad gateway"));
        sender.failures.add(new DiscordFailure(0, 0, "timed out"));
        delivery().runOnce();
        assertThat(delivery().runOnce()).as("not due before the backoff").isZero();
        clock.advance(Duration.ofSeconds(2));
        delivery().runOnce();
        clock.advance(Duration.ofSeconds(3));
        assertThat(delivery().runOnce()).isEqualTo(1);
        assertThat(sender.calls).as("each retry first looks for a card the failed post may have left")
                .containsExactly("post", "find", "post", "find", "post");
        assertThat(delivery().backoff(30)).isLessThanOrEqualTo(Duration.ofMinutes(10));
    }

    @Test
    @DisplayName("after a restart (a new delivery over the same table) the card is edited, not posted again")
    void restart() {
        outbox.record(Fixtures.summary(null, "Acme"));
        delivery().runOnce();
        outbox.record(Fixtures.summary(Fixtures.alternative(), "Acme"));
        SummaryOutbox reopened = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock);
        new CardDelivery(reopened, leads, new CardRenderer(CustomIds.derivedFrom("k")), sender, health, CHANNEL,
                Duration.ofMinutes(10), clock, () -> 0.5).runOnce();
        assertThat(sender.calls).containsExactly("post", "edit");
    }

    @Test
    @DisplayName("401 stops all sending; 403/50013 keeps the row and marks the bot unhealthy")
    void unauthorizedAndForbidden() {
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.failures.add(new DiscordFailure(403, DiscordFailure.MISSING_PERMISSIONS, "missing permissions"));
        delivery().runOnce();
        assertThat(health.healthy()).isFalse();
        assertThat(outbox.find(Fixtures.summary(null, "x").triageId())).isPresent();
        clock.advance(Duration.ofMinutes(1));
        sender.failures.add(new DiscordFailure(401, 0, "unauthorized"));
        delivery().runOnce();
        assertThat(health.stopped()).isTrue();
        clock.advance(Duration.ofMinutes(20));
        assertThat(delivery().runOnce()).isZero();
        assertThat(sender.calls).containsExactly("post", "find", "post");
    }

    static final class FakeSender implements CardSender {
        final List<String> calls = new ArrayList<>();
        final List<DiscordFailure> failures = new ArrayList<>();
        /** What the channel holds: footer of each message the bot posted, by message id. */
        final java.util.Map<String, String> channel = new java.util.LinkedHashMap<>();
        final List<String> nonces = new ArrayList<>();
        boolean loseAnswer;
        String lastCard;

        @Override
        public String post(long channelId, MessageSpec card, String nonce) {
            calls.add("post");
            fail();
            nonces.add(nonce);
            lastCard = DiscordJson.message(card).toString();
            String id = Integer.toString(1000 + channel.size());
            channel.put(id, card.embeds().get(0).footer());
            if (loseAnswer) {
                loseAnswer = false;
                throw new DiscordFailure(0, 0, "timed out");
            }
            return id;
        }

        @Override
        public void edit(long channelId, String messageId, MessageSpec card) {
            calls.add("edit");
            assertThat(channel).containsKey(messageId);
            fail();
            lastCard = DiscordJson.message(card).toString();
        }

        @Override
        public java.util.Optional<String> findOwn(long channelId, String footer) {
            calls.add("find");
            return channel.entrySet().stream().filter(e -> e.getValue().equals(footer)).map(java.util.Map.Entry::getKey).findFirst();
        }

        private void fail() {
            if (!failures.isEmpty()) {
                throw failures.remove(0);
            }
        }
    }

    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
