package com.discoverytriage.booking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Import;

class BookingStartupTest {

    @EnableConfigurationProperties(BookingProperties.class)
    @Import(PrefilledBookingLinks.class)
    static class Wiring {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Wiring.class);

    @Test
    @DisplayName("a malformed triage.booking.url stops start-up and the failure names the key")
    void malformedUrlStopsStartup() {
        runner.withPropertyValues("triage.booking.url=not a url").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("triage.booking.url");
        });
    }

    @Test
    @DisplayName("with no booking settings at all the application starts with the documented defaults")
    void defaults() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            BookingProperties properties = context.getBean(BookingProperties.class);
            assertThat(properties.url()).isNull();
            assertThat(properties.nameParam()).isEqualTo("name");
            assertThat(properties.summaryParam()).isEqualTo("notes");
            assertThat(properties.referenceParam()).isEqualTo("ref");
        });
    }
}
