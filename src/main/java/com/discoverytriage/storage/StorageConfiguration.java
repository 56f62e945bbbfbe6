package com.discoverytriage.storage;

import java.util.Arrays;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Prepares the embedded database's files before the data source first connects, and makes the files H2 created
 * private once every bean (Flyway included) is ready, and again once the data source has closed: H2 may write a
 * trace file while it closes the database (an internal error while compacting), created with the process's umask.
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

    static final String AFTER_CLOSE = "embeddedDatabaseFilesPrivateAfterClose";

    /** Destroyed after every data source, which depend on it: tightens what H2 wrote while closing. */
    @Bean(AFTER_CLOSE)
    DisposableBean embeddedDatabaseFilesPrivateAfterClose(Environment environment) {
        return () -> EmbeddedDatabaseFiles.tighten(environment.getProperty("spring.datasource.url"));
    }

    @Bean
    static BeanFactoryPostProcessor dataSourcesCloseBeforeTightening() {
        return factory -> {
            for (String name : factory.getBeanNamesForType(DataSource.class, true, false)) {
                BeanDefinition definition = factory.getBeanDefinition(name);
                String[] before = definition.getDependsOn() == null ? new String[0] : definition.getDependsOn();
                if (Arrays.asList(before).contains(AFTER_CLOSE)) {
                    continue;
                }
                definition.setDependsOn(Stream.concat(Arrays.stream(before), Stream.of(AFTER_CLOSE)).toArray(String[]::new));
            }
        };
    }

    @Bean
    SmartInitializingSingleton embeddedDatabaseFilesPrivate(Environment environment) {
        return () -> EmbeddedDatabaseFiles.tighten(environment.getProperty("spring.datasource.url"));
    }
}
