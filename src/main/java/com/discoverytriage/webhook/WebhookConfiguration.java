package com.discoverytriage.webhook;

import com.discoverytriage.booking.BookingProperties;
import com.discoverytriage.lifecycle.BookingUpdates;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The booking webhooks' verification and processing; the controller serves them when the web server runs. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookProperties.class)
public class WebhookConfiguration {

    @Bean
    BookingWebhooks bookingWebhooks(WebhookProperties properties, BookingProperties booking, JdbcTemplate jdbc,
            PlatformTransactionManager transactions, BookingUpdates updates, Clock clock) {
        return new BookingWebhooks(properties, booking.referenceParam(), jdbc, new TransactionTemplate(transactions),
                updates, clock);
    }
}
