package com.discoverytriage.webhook;

import com.discoverytriage.lifecycle.BookingUpdates;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Verifies and applies one booking webhook. Answers the HTTP status: 200 applied, 202 signed but no triage matched
 * (kept, so the provider does not retry forever), 204 an event the bot does not use, 400 not JSON, 401 unsigned /
 * badly signed / stale, 404 provider not configured, 409 replayed, 413 too large. Bodies are never logged.
 */
public class BookingWebhooks {

    public enum Provider {
        CALCOM("calcom"), CALENDLY("calendly");

        private final String id;

        Provider(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(BookingWebhooks.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookProperties properties;
    private final String referenceParam;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final BookingUpdates updates;
    private final Clock clock;

    public BookingWebhooks(WebhookProperties properties, String referenceParam, JdbcTemplate jdbc,
            TransactionTemplate tx, BookingUpdates updates, Clock clock) {
        this.properties = properties;
        this.referenceParam = referenceParam;
        this.jdbc = jdbc;
        this.tx = tx;
        this.updates = updates;
        this.clock = clock;
    }

    public long maxBody() {
        return properties.maxBody().toBytes();
    }

    public java.time.Duration readTimeout() {
        return properties.readTimeout();
    }

    public boolean enabled(Provider provider) {
        return provider == Provider.CALCOM ? properties.calcomEnabled() : properties.calendlyEnabled();
    }

    /** @param signature the provider's signature header, null when absent */
    public int receive(Provider provider, byte[] body, String signature) {
        if (!enabled(provider)) {
            return refuse(provider, 404, "no secret configured");
        }
        if (body.length > maxBody()) {
            return refuse(provider, 413, "body larger than " + maxBody() + " bytes");
        }
        Instant now = clock.instant();
        Signatures.Verified verified = provider == Provider.CALCOM
                ? Signatures.calcom(properties.calcomSecret(), body, signature)
                : Signatures.calendly(properties.calendlySigningKey(), body, signature, now, properties.calendlyTolerance());
        if (verified.check() != Signatures.Check.GOOD) {
            return refuse(provider, 401, "signature " + verified.check().name().toLowerCase(java.util.Locale.ROOT));
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            return refuse(provider, 400, "signed body is not JSON");
        }
        if (root == null || !root.isObject()) {
            return refuse(provider, 400, "signed body is not a JSON object");
        }
        Optional<BookingEvent> event = provider == Provider.CALCOM
                ? BookingEvent.calcom(root, referenceParam)
                : BookingEvent.calendly(root);
        if (event.isEmpty()) {
            log.info("{} webhook: an event the bot does not use, ignored", provider.id());
            return 204;
        }
        if (provider == Provider.CALCOM && !fresh(root.path("createdAt").asText(""), now)) {
            return refuse(provider, 401, "createdAt missing or outside triage.webhooks.calcom-tolerance");
        }
        String receipt = verified.replayKey(provider.id());
        Integer status = tx.execute(s -> apply(provider, event.get(), receipt, now));
        return status == null ? 500 : status;
    }

    /**
     * Cal.com signs no timestamp of its own, but its body carries {@code createdAt} (when the delivery was sent) and
     * the body is signed: a capture replayed after the tolerance is refused, so the receipts (kept 30 days) always
     * outlive the window in which a replay could be accepted.
     */
    private boolean fresh(String createdAt, Instant now) {
        try {
            Instant sent = Instant.parse(createdAt);
            return Duration.between(sent, now).abs().compareTo(properties.calcomTolerance()) <= 0;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }

    private int apply(Provider provider, BookingEvent event, String receipt, Instant now) {
        Optional<BookingUpdates.Match> match = event.references().stream()
                .map(updates::match).flatMap(Optional::stream).findFirst();
        try {
            jdbc.update("INSERT INTO booking_webhook_receipt (provider, receipt_key, triage_id, received_at)"
                    + " VALUES (?, ?, ?, ?)", provider.id(), receipt, match.map(BookingUpdates.Match::triageId)
                    .orElse(null), now.toEpochMilli());
        } catch (DuplicateKeyException e) {
            return refuse(provider, 409, "replayed (this delivery was already received)");
        }
        if (match.isEmpty()) {
            log.info("{} webhook: no triage matches its reference; accepted and ignored", provider.id());
            return 202;
        }
        if (event.kind() == BookingEvent.Kind.IGNORED) {
            log.info("{} webhook: cancellation of a rescheduled booking, the new booking follows", provider.id());
            return 200;
        }
        updates.booking(match.get(), event.kind() == BookingEvent.Kind.BOOKED, event.meetingAt(), provider.id());
        log.info("{} webhook: triage {} {}", provider.id(), match.get().triageId(),
                event.kind() == BookingEvent.Kind.BOOKED ? "booked" : "booking cancelled");
        return 200;
    }

    private static int refuse(Provider provider, int status, String why) {
        log.warn("{} webhook refused ({}): {}", provider.id(), status, why);
        return status;
    }
}
