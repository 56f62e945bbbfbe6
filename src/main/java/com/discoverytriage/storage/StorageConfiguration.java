package com.discoverytriage.storage;

import javax.sql.DataSource;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Prepares the embedded database's files before the data source first connects, and makes the files H2 created
 * private once every bean (Flyway included) is ready.
 */
@Configuration(proxyBeanMethods = false)
public class StorageConfiguration {

    /** {@code triage.database.must-exist}: set by the commands that only read or erase (export, forget, rescore). */
    public static final String MUST_EXIST = "triage.database.must-exist";

    @Bean
    static BeanPostProcessor embeddedDatabasePreparation(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource) {
                    EmbeddedDatabaseFiles.prepare(environment.getProperty("spring.datasource.url"),
                            environment.getProperty(MUST_EXIST, Boolean.class, false));
                }
                return bean;
            }
        };
    }

    @Bean
    SmartInitializingSingleton embeddedDatabaseFilesPrivate(Environment environment) {
        return () -> EmbeddedDatabaseFiles.tighten(environment.getProperty("spring.datasource.url"));
    }
}
