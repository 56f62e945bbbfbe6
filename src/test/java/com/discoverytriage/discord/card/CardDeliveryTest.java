package com.discoverytriage.discord.card;

import com.discoverytriage.discord.BotHealth;
import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.DiscordSchemas;
import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.gateway.JavacordTransport;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.summary.TriageSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Summary cards: written to the database first, posted once, then only edited, retried with backoff")
public class CardDeliveryTest {

    private static final long CHANNEL = 42L;
    private final MutableClock clock = new MutableClock();
    private final FakeSender sender = new FakeSender();
    private final BotHealth health = new BotHealth();
    private JdbcTemplate jdbc;
    private SummaryOutbox outbox;
    private LeadRecords leads;

    @BeforeEach
    void database() {
        DataSource ds = MigratedDatabase.fresh();
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
    @DisplayName("an instance that died holding a card's claim: another delivers the card once the configured claim ran"
            + " out, not before, and adopts the post the dead one may have sent")
    void deadInstancesClaimRunsOut() {
        outbox.record(Fixtures.summary(null, "Acme"));
        // the dead instance claimed the card and started its post (it reached Discord), then died: no release
        String triage = outbox.claim(20, Duration.ofSeconds(15)).get(0).triageId();
        outbox.postStarting(triage);
        sender.channel.put("999", CardRenderer.footer(triage));
        CardDelivery survivor = new CardDelivery(outbox, leads, new CardRenderer(CustomIds.derivedFrom("k")), sender,
                health, CHANNEL, Duration.ofMinutes(10), clock, () -> 0.5, Duration.ofSeconds(15));

        assertThat(survivor.runOnce()).as("still claimed by the dead instance").isZero();
        clock.advance(Duration.ofSeconds(14));
        assertThat(survivor.runOnce()).as("still claimed by the dead instance").isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(survivor.runOnce()).as("the claim ran out: taken over").isEqualTo(1);
        assertThat(sender.calls).as("the dead instance's post found and edited, not posted again")
                .containsExactly("find", "edit");
        assertThat(outbox.find(triage).orElseThrow().messageId()).isEqualTo("999");
    }

    @Test
    @DisplayName("given posts that take long (50 s each, a claim of 60 s), when one pass delivers three cards, then "
            + "every post is made on a live claim: each card is claimed just before it is delivered, not 20 at once")
    void slowPassPostsOnlyOnLiveClaims() {
        for (int i = 1; i <= 3; i++) {
            TriageSummary s = Fixtures.summary(null, "Acme");
            outbox.record(new TriageSummary("7f1c2d3e-0000-4000-8000-00000000010" + i, s.prospectId(),
                    s.displayName(), s.diagnosticId(), s.diagnosticTitle(), s.diagnosticVersion(), s.phase(),
                    s.questionNumber(), s.questionTotal(), s.startedAt(), s.finishedAt(), s.answers(), s.signals(),
                    s.outcome(), s.profileLabel(), s.profileTitle(), s.bookingUrl()));
        }
        List<Long> expiredClaimsAtPost = new ArrayList<>();
        sender.beforePost = () -> {
            // what another instance would see now: cards whose claim ran out are free for it to take
            expiredClaimsAtPost.add(jdbc.queryForObject("SELECT COUNT(*) FROM summary_outbox WHERE message_id IS NULL"
                    + " AND claimed_until IS NOT NULL AND claimed_until < ?", Long.class, clock.millis()));
            clock.advance(Duration.ofSeconds(50));
        };
        CardDelivery slow = new CardDelivery(outbox, leads, new CardRenderer(CustomIds.derivedFrom("k")), sender,
                health, CHANNEL, Duration.ofMinutes(10), clock, () -> 0.5, Duration.ofSeconds(60));

        assertThat(slow.runOnce()).isEqualTo(3);

        assertThat(expiredClaimsAtPost).as("cards held by a claim that ran out, at each post").containsOnly(0L);
        assertThat(sender.calls).containsExactly("post", "post", "post");
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

    @Test
    @DisplayName("429 (rate limited) keeps the card and tries again after the backoff, without marking the bot unhealthy")
    void rateLimited() {
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.failures.add(new DiscordFailure(429, 0, "rate limited"));
        assertThat(delivery().runOnce()).isZero();
        assertThat(health.healthy()).isTrue();
        assertThat(delivery().runOnce()).as("not hammered while rate limited").isZero();
        clock.advance(Duration.ofSeconds(2));
        assertThat(delivery().runOnce()).isEqualTo(1);
        assertThat(sender.channel).hasSize(1);
    }

    @Test
    @DisplayName("429 with Discord's retry_after: the next attempt waits exactly that long, never past the backoff cap")
    void rateLimitedWithRetryAfter() {
        // given a card whose post is rate limited for 30.5 s
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.failures.add(new DiscordFailure(429, 0, "rate limited", Duration.ofMillis(30_500)));
        assertThat(delivery().runOnce()).isZero();

        // when the usual backoff (at most 2 s) has passed, then a little under Discord's wait, then all of it
        clock.advance(Duration.ofSeconds(2));
        int afterBackoff = delivery().runOnce();
        clock.advance(Duration.ofMillis(28_499));
        int justBefore = delivery().runOnce();
        clock.advance(Duration.ofMillis(1));
        int atRetryAfter = delivery().runOnce();

        // then
        assertThat(afterBackoff).as("not before retry_after").isZero();
        assertThat(justBefore).as("not before retry_after").isZero();
        assertThat(atRetryAfter).isEqualTo(1);
        assertThat(sender.channel).hasSize(1);
    }

    @Test
    @DisplayName("a short retry_after is honoured as given; an hour-long one is cut to the backoff cap")
    void retryAfterBounds() {
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.failures.add(new DiscordFailure(429, 0, "rate limited", Duration.ofMillis(250)));
        delivery().runOnce();
        clock.advance(Duration.ofMillis(250));
        assertThat(delivery().runOnce()).as("retried after 250 ms, not the 1-2 s backoff").isEqualTo(1);

        outbox.record(Fixtures.summary(Fixtures.book(), "Acme"));
        sender.failures.add(new DiscordFailure(429, 0, "rate limited", Duration.ofHours(1)));
        delivery().runOnce();
        clock.advance(Duration.ofMinutes(10));
        assertThat(delivery().runOnce()).as("edited at the 10-minute cap").isEqualTo(1);
    }

    @Test
    @DisplayName("a crash after posting but before saving the message id: after restart the card is adopted, not posted twice")
    void crashBetweenPostAndSave() {
        String triageId = Fixtures.summary(null, "x").triageId();
        outbox.record(Fixtures.summary(null, "Acme"));
        outbox.postStarting(triageId);
        sender.channel.put("1000", CardRenderer.footer(triageId)); // the post reached Discord; the process died
        outbox.record(Fixtures.summary(Fixtures.alternative(), "Acme")); // the prospect went on meanwhile
        new CardDelivery(new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock), leads,
                new CardRenderer(CustomIds.derivedFrom("k")), sender, health, CHANNEL, Duration.ofMinutes(10), clock,
                () -> 0.5).runOnce();
        assertThat(sender.calls).containsExactly("find", "edit");
        assertThat(sender.channel).hasSize(1);
        assertThat(sender.lastCard).contains("Decided: alternative");
        outbox.record(Fixtures.summary(Fixtures.book(), "Acme"));
        delivery().runOnce();
        assertThat(sender.calls).containsExactly("find", "edit", "edit");
    }

    @Test
    @DisplayName("a post that timed out but reached Discord is adopted on the retry: one card in the channel")
    void timeoutAfterPost() {
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.loseAnswer = true;
        delivery().runOnce();
        clock.advance(Duration.ofSeconds(2));
        delivery().runOnce();
        assertThat(sender.channel).hasSize(1);
        assertThat(sender.calls).containsExactly("post", "find", "edit");
    }

    @Test
    @DisplayName("every post of one card carries the same nonce of at most 25 characters, with enforce_nonce, valid for Discord")
    void nonce() {
        outbox.record(Fixtures.summary(null, "Acme"));
        sender.failures.add(new DiscordFailure(503, 0, "unavailable"));
        delivery().runOnce();
        clock.advance(Duration.ofSeconds(2));
        delivery().runOnce();
        assertThat(sender.nonces).hasSize(2);
        assertThat(sender.nonces.get(0)).isEqualTo(sender.nonces.get(1)).hasSizeLessThanOrEqualTo(25);
        assertThat(CardDelivery.nonce("another triage")).isNotEqualTo(sender.nonces.get(0));
        var body = JavacordTransport.postBody(new CardRenderer(CustomIds.derivedFrom("k"))
                .render(Fixtures.summary(Fixtures.alternative(), Fixtures.EVIL), com.discoverytriage.summary.LeadState.none("t")),
                sender.nonces.get(0));
        assertThat(body.get("enforce_nonce").asBoolean()).isTrue();
        assertThat(DiscordSchemas.violations("MessageCreateRequest", body)).isEmpty();
    }

    @Test
    @DisplayName("a card deleted in Discord (10008 on edit) is posted again, once")
    void deletedCard() {
        outbox.record(Fixtures.summary(null, "Acme"));
        delivery().runOnce();
        outbox.record(Fixtures.summary(Fixtures.book(), "Acme"));
        sender.failures.add(new DiscordFailure(404, DiscordFailure.UNKNOWN_MESSAGE, "unknown message"));
        delivery().runOnce();
        sender.channel.clear();
        delivery().runOnce();
        assertThat(sender.calls).containsExactly("post", "edit", "post");
        assertThat(sender.channel).hasSize(1);
    }

    static final class FakeSender implements CardSender {
        final List<String> calls = new ArrayList<>();
        final List<DiscordFailure> failures = new ArrayList<>();
        /** What the channel holds: footer of each message the bot posted, by message id. */
        final java.util.Map<String, String> channel = new java.util.LinkedHashMap<>();
        final List<String> nonces = new ArrayList<>();
        boolean loseAnswer;
        String lastCard;
        Runnable beforePost = () -> { };

        @Override
        public String post(long channelId, MessageSpec card, String nonce) {
            beforePost.run();
            calls.add("post");
            nonces.add(nonce);
            fail();
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

    public static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2025-01-01T00:00:00Z");

        public void advance(Duration d) {
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
