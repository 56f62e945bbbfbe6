package com.discoverytriage.discord.card;

import com.discoverytriage.discord.BotHealth;
import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.OutboxRow;
import com.discoverytriage.summary.SummaryOutbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Duration;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the consultant's cards from the outbox: posts a card once, then only edits it. Failures are retried
 * with bounded, jittered exponential backoff (a 429 that got past Javacord's rate limiter waits Discord's own
 * {@code retry_after} instead), from the table, so delivery resumes after a restart. A 401 stops all
 * sending; a 403 / 50013 keeps the row and marks the bot unhealthy.
 */
public class CardDelivery {

    private static final Logger log = LoggerFactory.getLogger(CardDelivery.class);
    static final Duration BASE_BACKOFF = Duration.ofSeconds(2);
    /**
     * The default claim of one card: longer than its post, lookup and edit can take (30 s each at most), so a live
     * claim never runs out; also how long the card of an instance that died while delivering it waits for another.
     */
    static final Duration CLAIM = Duration.ofSeconds(120);
    static final int PER_PASS = 20;

    private final SummaryOutbox outbox;
    private final LeadRecords leads;
    private final CardRenderer renderer;
    private final CardSender sender;
    private final BotHealth health;
    private final long channelId;
    private final Duration maxBackoff;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Duration claim;

    public CardDelivery(SummaryOutbox outbox, LeadRecords leads, CardRenderer renderer, CardSender sender,
            BotHealth health, long channelId, Duration maxBackoff, Clock clock, DoubleSupplier random) {
        this(outbox, leads, renderer, sender, health, channelId, maxBackoff, clock, random, CLAIM);
    }

    public CardDelivery(SummaryOutbox outbox, LeadRecords leads, CardRenderer renderer, CardSender sender,
            BotHealth health, long channelId, Duration maxBackoff, Clock clock, DoubleSupplier random, Duration claim) {
        this.claim = claim;
        this.outbox = outbox;
        this.leads = leads;
        this.renderer = renderer;
        this.sender = sender;
        this.health = health;
        this.channelId = channelId;
        this.maxBackoff = maxBackoff;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Delivers up to {@value #PER_PASS} due cards, each once; answers how many were delivered. Each card is claimed
     * just before it is delivered, so a claim only has to outlast one card's post, lookup and edit: a pass slowed
     * by Discord (rate limits, timeouts) never works on a card whose claim ran out and another instance took.
     */
    public int runOnce() {
        if (health.stopped() || channelId == 0) {
            return 0;
        }
        int delivered = 0;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < PER_PASS && !health.stopped(); i++) {
            List<OutboxRow> next = outbox.claim(1, claim);
            if (next.isEmpty()) {
                break;
            }
            OutboxRow row = next.get(0);
            if (!seen.add(row.triageId())) {
                // due again in this pass (a deleted card to post again): the next pass takes it
                outbox.release(row.triageId());
                break;
            }
            if (deliver(row)) {
                delivered++;
            }
        }
        return delivered;
    }

    private boolean deliver(OutboxRow row) {
        MessageSpec card = renderer.render(row.summary(), leads.find(row.triageId()));
        try {
            if (row.messageId() == null) {
                String messageId = postOnce(row, card);
                outbox.posted(row.triageId(), Long.toUnsignedString(channelId), messageId, row.revision());
            } else {
                sender.edit(Long.parseUnsignedLong(row.channelId()), row.messageId(), card);
                outbox.edited(row.triageId(), row.revision());
            }
            health.recovered();
            io.micrometer.core.instrument.Metrics.counter("triage.outbox.attempts", "result", "delivered").increment();
            return true;
        } catch (RuntimeException e) {
            io.micrometer.core.instrument.Metrics.counter("triage.outbox.attempts", "result", "failed").increment();
            failed(row, DiscordFailure.of(e));
            return false;
        }
    }

    /**
     * Posts a card that has no stored message id, never twice: a post whose answer was lost (crash before the id
     * was saved, timeout) is found in the channel by its footer and adopted; a repeat within Discord's nonce window
     * is answered with the first message ({@code enforce_nonce}).
     */
    private String postOnce(OutboxRow row, MessageSpec card) {
        if (outbox.postStarted(row.triageId())) {
            Optional<String> earlier = sender.findOwn(channelId, CardRenderer.footer(row.triageId()));
            if (earlier.isPresent()) {
                log.info("card of triage {} was already posted; adopting it instead of posting again", row.triageId());
                sender.edit(channelId, earlier.get(), card);
                return earlier.get();
            }
        }
        outbox.postStarting(row.triageId());
        return sender.post(channelId, card, nonce(row.triageId()));
    }

    /** At most 25 characters, as Discord requires; the same for every post of one card. */
    static String nonce(String triageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("card:" + triageId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void failed(OutboxRow row, DiscordFailure f) {
        if (f.unauthorized()) {
            health.stop();
            outbox.release(row.triageId());
            return;
        }
        if (f.forbidden()) {
            health.unhealthy("cannot post or edit in the summary channel (" + f.status() + "/" + f.code()
                    + "): give the bot View Channel, Send Messages and Embed Links there");
        } else if (row.messageId() != null && f.code() == DiscordFailure.UNKNOWN_MESSAGE) {
            log.info("card of triage {} was deleted in Discord; posting it again", row.triageId());
            outbox.forgetMessage(row.triageId());
            return;
        } else if (f.code() == DiscordFailure.UNKNOWN_CHANNEL) {
            health.unhealthy("the summary channel " + Long.toUnsignedString(channelId) + " does not exist (10003): "
                    + "set triage.discord.summary-channel-id");
        } else {
            log.warn("card of triage {} not delivered ({}), will retry", row.triageId(), f);
        }
        outbox.failed(row.triageId(), f.toString(), clock.millis() + wait(row, f).toMillis());
    }

    /** Discord's own {@code retry_after} on a 429 (capped), else the backoff. */
    private Duration wait(OutboxRow row, DiscordFailure f) {
        return f.retryAfter()
                .filter(d -> f.status() == 429)
                .map(d -> d.compareTo(maxBackoff) > 0 ? maxBackoff : d)
                .orElseGet(() -> backoff(row.attempts()));
    }

    /** Exponential from 2 s, capped, with jitter between half and all of it. */
    Duration backoff(int attempts) {
        long cap = maxBackoff.toMillis();
        long exp = BASE_BACKOFF.toMillis() << Math.min(attempts, 20);
        long bounded = Math.min(cap, exp);
        return Duration.ofMillis((long) (bounded / 2.0 + random.getAsDouble() * bounded / 2.0));
    }
}
