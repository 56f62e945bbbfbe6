package com.discoverytriage.lifecycle;

import com.discoverytriage.booking.BookingProperties;
import com.discoverytriage.conversation.ConversationConfiguration;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.scoring.Rules;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.webhook.WebhookConfiguration;
import com.discoverytriage.discord.DiscordErasureConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** The core with the lifecycle over an H2 file (so a second context is a restart), a movable clock, cards on. */
public final class LifecycleFixture {

    public static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");
    public static final String CALCOM_SECRET = "test-calcom-secret";
    public static final String CALENDLY_KEY = "test-calendly-key";

    private LifecycleFixture() {
    }

    /** A clock the test moves by hand: no sleeps. */
    public static final class MovableClock extends Clock {

        private final AtomicReference<Instant> now = new AtomicReference<>(T0);

        public void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Remembers every reminder; answers {@code result}. */
    public static final class RecordingNotifier implements ProspectNotifier {

        public final List<String> reminded = new ArrayList<>();
        public volatile Result result = Result.SENT;

        @Override
        public synchronized Result remind(com.discoverytriage.conversation.ProspectId prospect, int questionNumber,
                int questionTotal) {
            reminded.add(prospect.value() + "@" + questionNumber);
            return result;
        }
    }

    public static ApplicationContextRunner runner(Path directory, MovableClock clock, ProspectNotifier notifier) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, ValidationAutoConfiguration.class))
                .withUserConfiguration(ConversationConfiguration.class, LifecycleConfiguration.class,
                        WebhookConfiguration.class, DiscordErasureConfiguration.class, Cards.class)
                .withBean(Clock.class, () -> clock)
                .withBean(DiagnosticCatalog.class, ConsoleFixtures::catalog)
                .withBean(Rules.class, Rules::new)
                .withBean(BookingProperties.class, () -> new BookingProperties("https://cal.example/consultant/call",
                        "name", "notes", "ref"))
                .withBean(com.discoverytriage.conversation.BookingLinks.class,
                        () -> new com.discoverytriage.booking.PrefilledBookingLinks(new BookingProperties(
                                "https://cal.example/consultant/call", "name", "notes", "ref")))
                .withBean(ProspectNotifier.class, () -> notifier)
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:file:" + directory.resolve("triage").toAbsolutePath(),
                        "triage.lifecycle-scheduler-enabled=false",
                        "triage.webhooks.calcom-secret=" + CALCOM_SECRET,
                        "triage.webhooks.calendly-signing-key=" + CALENDLY_KEY);
    }

    /**
     * What the Discord adapter adds that matters here: the card outbox (a listener) and the lead records. Registered
     * by hand as a source; deliberately not a {@code @Configuration}, so that component scanning of whole-application
     * tests never picks it up.
     */
    static class Cards {

        @org.springframework.context.annotation.Bean
        SummaryOutbox summaryOutbox(JdbcTemplate jdbc, DiagnosticCatalog catalog, Clock clock) {
            return new SummaryOutbox(jdbc, catalog, clock);
        }

        @org.springframework.context.annotation.Bean
        LeadRecords leadRecords(JdbcTemplate jdbc, Clock clock) {
            return new LeadRecords(jdbc, clock);
        }
    }

    public static JdbcTemplate jdbc(org.springframework.context.ApplicationContext context) {
        return context.getBean(JdbcTemplate.class);
    }
}
