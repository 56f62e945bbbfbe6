package com.discoverytriage.lifecycle;

import com.discoverytriage.cluster.DatabaseLocks;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The lead's life after the chat: the stall / expiry / not-booked scheduler, the retention purge, forget, bookings
 * from the calendar and the export. Works with or without Discord (the CLI's {@code forget} and {@code export}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LifecycleProperties.class)
public class LifecycleConfiguration {

    /** The card outbox: the Discord adapter's bean when it runs, else one over the same table (not a listener). */
    static SummaryOutbox cards(ObjectProvider<SummaryOutbox> outbox, JdbcTemplate jdbc, DiagnosticCatalog catalog,
            Clock clock) {
        return outbox.getIfAvailable(() -> new SummaryOutbox(jdbc, catalog, clock));
    }

    @Bean
    LifecycleStore lifecycleStore(JdbcTemplate jdbc) {
        return new LifecycleStore(jdbc);
    }

    @Bean
    LifecycleListener lifecycleListener(LifecycleStore store) {
        return new LifecycleListener(store);
    }

    @Bean
    ForgetService forgetService(JdbcTemplate jdbc, StoredConversations conversations, LifecycleStore store,
            ObjectProvider<SummaryOutbox> outbox, DiagnosticCatalog catalog, Clock clock,
            PlatformTransactionManager transactions, ObjectProvider<ErasureParticipant> participants) {
        return new ForgetService(jdbc, conversations, new Erasure(jdbc, store, cards(outbox, jdbc, catalog, clock)),
                participants.orderedStream().toList(), new TransactionTemplate(transactions), clock);
    }

    @Bean
    RetentionPurge retentionPurge(JdbcTemplate jdbc, StoredConversations conversations, LifecycleStore store,
            ObjectProvider<SummaryOutbox> outbox, DiagnosticCatalog catalog, Clock clock,
            PlatformTransactionManager transactions, LifecycleProperties properties,
            ObjectProvider<ErasureParticipant> participants) {
        return new RetentionPurge(jdbc, conversations, new Erasure(jdbc, store, cards(outbox, jdbc, catalog, clock)),
                new TransactionTemplate(transactions), properties.retention(), participants.orderedStream().toList());
    }

    @Bean
    LifecycleScheduler lifecycleScheduler(JdbcTemplate jdbc, ConversationService conversations,
            StoredConversations stored, LifecycleStore store, ObjectProvider<SummaryOutbox> outbox,
            DiagnosticCatalog catalog, ObjectProvider<ProspectNotifier> notifier, LifecycleProperties properties,
            RetentionPurge retention, Clock clock, PlatformTransactionManager transactions,
            ObjectProvider<AbandonmentListener> abandonment) {
        return new LifecycleScheduler(jdbc, conversations, stored, store, cards(outbox, jdbc, catalog, clock),
                notifier.getIfAvailable(() -> ProspectNotifier.NONE), properties, retention, clock,
                new TransactionTemplate(transactions), abandonment.orderedStream().toList());
    }

    @Bean
    BookingUpdates bookingUpdates(JdbcTemplate jdbc, StoredConversations conversations, LifecycleStore store,
            ObjectProvider<SummaryOutbox> outbox, DiagnosticCatalog catalog, Clock clock) {
        return new BookingUpdates(jdbc, conversations, store, cards(outbox, jdbc, catalog, clock), clock);
    }

    @Bean
    TriageExport triageExport(FinishedTriages finished, StoredConversations stored, ConversationService conversations,
            JdbcTemplate jdbc, ObjectProvider<LeadRecords> leads, DiagnosticCatalog catalog, Clock clock) {
        return new TriageExport(finished, stored, conversations, leads.getIfAvailable(() -> new LeadRecords(jdbc, clock)),
                catalog);
    }

    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(prefix = "triage", name = "lifecycle-scheduler-enabled", havingValue = "true",
            matchIfMissing = true)
    LifecycleRunner lifecycleRunner(LifecycleScheduler scheduler, LifecycleProperties properties, DatabaseLocks locks) {
        return new LifecycleRunner(scheduler, properties.lifecycleInterval(), locks);
    }
}
