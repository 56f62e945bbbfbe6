package com.discoverytriage.stats;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.lifecycle.LifecycleProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The statistics: their recorder (a conversation listener and erasure participant) and their computation. */
@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(DigestProperties.class)
public class StatsConfiguration {

    @Bean
    WeeklyDigest weeklyDigest(JdbcTemplate jdbc, DigestProperties properties, Clock clock) {
        return new WeeklyDigest(jdbc, properties, clock);
    }

    @Bean(initMethod = "registerQuestionLists")
    StatsRecorder statsRecorder(JdbcTemplate jdbc, DiagnosticCatalog catalog, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<PlatformTransactionManager> transactions) {
        PlatformTransactionManager manager = transactions.getIfAvailable();
        return new StatsRecorder(jdbc, catalog, meters.getIfAvailable(),
                manager == null ? null : new TransactionTemplate(manager));
    }

    @Bean
    TriageStatistics triageStatistics(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock,
            ObjectProvider<LifecycleProperties> lifecycle, ObjectProvider<ConversationService> conversations,
            ObjectProvider<PlatformTransactionManager> transactions) {
        PlatformTransactionManager manager = transactions.getIfAvailable();
        TransactionTemplate readOnly = null;
        if (manager != null) {
            readOnly = new TransactionTemplate(manager);
            readOnly.setReadOnly(true);
        }
        return new TriageStatistics(jdbc, catalog, clock,
                lifecycle.getIfAvailable(LifecycleProperties::defaults).expireAfter(), conversations::getIfAvailable,
                readOnly);
    }
}
