package com.discoverytriage.stats;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.lifecycle.LifecycleProperties;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The statistics: their recorder (a conversation listener and erasure participant) and their computation. */
@Configuration(proxyBeanMethods = false)
public class StatsConfiguration {

    @Bean
    StatsRecorder statsRecorder(JdbcTemplate jdbc, DiagnosticCatalog catalog) {
        return new StatsRecorder(jdbc, catalog);
    }

    @Bean
    TriageStatistics triageStatistics(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock,
            ObjectProvider<LifecycleProperties> lifecycle) {
        return new TriageStatistics(jdbc, catalog, clock,
                lifecycle.getIfAvailable(LifecycleProperties::defaults).expireAfter());
    }
}
