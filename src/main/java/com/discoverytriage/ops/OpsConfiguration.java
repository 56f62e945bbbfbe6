package com.discoverytriage.ops;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.lifecycle.LifecycleRunner;
import com.discoverytriage.webhook.BookingWebhooks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's view through Actuator and Micrometer: the readiness checks beyond the database and Discord
 * ({@code cardOutbox}, {@code lifecycle}, {@code webhooks}), the outbox gauges, and the command timer.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpsProperties.class)
public class OpsConfiguration {

    @Bean
    OutboxBacklog outboxBacklog(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new OutboxBacklog(jdbc, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    HealthIndicator cardOutboxHealthIndicator(OutboxBacklog backlog, OpsProperties properties) {
        return OpsHealth.outbox(backlog, properties.outboxMaxAge());
    }

    @Bean
    HealthIndicator lifecycleHealthIndicator(ObjectProvider<LifecycleRunner> runner, OpsProperties properties,
            ObjectProvider<Clock> clock) {
        return OpsHealth.lifecycle(runner.getIfAvailable(), properties.lifecycleMaxSilence(),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    HealthIndicator webhooksHealthIndicator(ObjectProvider<BookingWebhooks> webhooks) {
        return OpsHealth.webhooks(webhooks.getIfAvailable());
    }

    /** {@code triage_outbox_backlog} (cards waiting) and {@code triage_outbox_lag_seconds} (the oldest's wait). */
    @Bean
    MeterBinder outboxMetrics(OutboxBacklog backlog) {
        return registry -> {
            Gauge.builder("triage.outbox.backlog", backlog, b -> b.read().waiting())
                    .description("Consultant cards waiting to be posted or edited").baseUnit("cards")
                    .register(registry);
            Gauge.builder("triage.outbox.lag", backlog, b -> b.read().oldest().toMillis() / 1000.0)
                    .description("How long the oldest waiting card has waited").baseUnit("seconds")
                    .register(registry);
        };
    }

    /** Wraps the conversation service so every command is timed; nothing else changes. */
    @Bean
    static BeanPostProcessor conversationServiceMetrics(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof ConversationService service && !(bean instanceof MeteredConversationService)) {
                    MeterRegistry meters = registry.getIfAvailable();
                    return meters == null ? bean : new MeteredConversationService(service, meters);
                }
                return bean;
            }
        };
    }
}
