package com.discoverytriage.ops;

import com.discoverytriage.lifecycle.LifecycleRunner;
import com.discoverytriage.webhook.BookingWebhooks;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The readiness checks that are not Discord's own: the card outbox, the lifecycle scheduler, the webhooks. */
final class OpsHealth {

    private OpsHealth() {
    }

    /** DOWN when a card has waited longer than {@code triage.health.outbox-max-age}. */
    static HealthIndicator outbox(OutboxBacklog backlog, Duration maxAge) {
        return () -> {
            OutboxBacklog.Snapshot s = backlog.read();
            Health.Builder health = s.oldest().compareTo(maxAge) > 0 ? Health.down() : Health.up();
            return health.withDetail("waiting", s.waiting()).withDetail("oldestSeconds", s.oldest().toSeconds())
                    .build();
        };
    }

    /**
     * DOWN when the scheduler has not finished a pass for {@code triage.health.lifecycle-max-silence} (counted from
     * its start until the first pass); UP with "disabled" in a process that runs no scheduler.
     */
    static HealthIndicator lifecycle(LifecycleRunner runner, Duration maxSilence, Clock clock) {
        return () -> {
            if (runner == null) {
                return Health.up().withDetail("scheduler", "disabled").build();
            }
            Instant last = runner.lastSuccess();
            Instant since = last != null ? last : runner.startedAt();
            Health.Builder health = since != null && Duration.between(since, clock.instant()).compareTo(maxSilence) > 0
                    ? Health.down() : Health.up();
            return health.withDetail("lastSuccessfulPass", last == null ? "none yet" : last.toString()).build();
        };
    }

    /** Which booking webhooks have a secret (an endpoint); never DOWN, never the secrets. */
    static HealthIndicator webhooks(BookingWebhooks webhooks) {
        return () -> {
            Health.Builder health = Health.up();
            for (BookingWebhooks.Provider p : BookingWebhooks.Provider.values()) {
                health.withDetail(p.id(), webhooks != null && webhooks.enabled(p) ? "configured" : "not configured");
            }
            return health.build();
        };
    }
}
