package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.scoring.Rules;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Wires the conversation service over the catalog, the rules and the database (schema by Flyway). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConversationProperties.class)
public class ConversationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    StateMachineConversationService conversationService(
            DiagnosticCatalog catalog,
            Rules rules,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ObjectProvider<ConversationListener> listeners,
            ObjectProvider<BookingLinks> bookingLinks,
            Clock clock,
            ConversationProperties properties,
            @org.springframework.beans.factory.annotation.Value("${triage.retention-days:365}") int retentionDays,
            ConversationStore conversationStore) {
        List<ConversationListener> all = listeners.orderedStream().toList();
        StateMachineConversationService service = new StateMachineConversationService(catalog, rules, dataSource,
                transactions, all, bookingLinks.getIfAvailable(), clock, properties, retentionDays);
        // erasing a prospect (through the store below) also forgets what the service remembers of them
        conversationStore.alsoForgetting(service.store());
        return service;
    }

    /** The stored conversations and finished triages, for re-scoring and the lead's life after the chat. */
    @Bean
    ConversationStore conversationStore(DataSource dataSource) {
        return new ConversationStore(dataSource, new ObjectMapper());
    }
}
