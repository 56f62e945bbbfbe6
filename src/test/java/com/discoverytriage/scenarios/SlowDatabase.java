package com.discoverytriage.scenarios;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * Slows the application's database down on demand: while switched on, every connection taken from the pool (each
 * unit of work: a load, a conversation change, an outbox round) first waits the given delay.
 */
final class SlowDatabase implements BeanPostProcessor {

    private static volatile Duration delay = Duration.ZERO;

    static void slowBy(Duration newDelay) {
        delay = newDelay;
    }

    static void normal() {
        delay = Duration.ZERO;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !(bean instanceof Slowed)) {
            return new Slowed(dataSource);
        }
        return bean;
    }

    private static final class Slowed extends DelegatingDataSource {
        Slowed(DataSource target) {
            super(target);
        }

        @Override
        public Connection getConnection() throws SQLException {
            pause();
            return super.getConnection();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            pause();
            return super.getConnection(username, password);
        }

        private static void pause() {
            long millis = delay.toMillis();
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
