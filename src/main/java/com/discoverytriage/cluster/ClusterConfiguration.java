package com.discoverytriage.cluster;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The database locks shared by every process on one database. */
@Configuration(proxyBeanMethods = false)
public class ClusterConfiguration {

    @Bean
    DatabaseLocks databaseLocks(DataSource dataSource) {
        return new DatabaseLocks(dataSource);
    }
}
