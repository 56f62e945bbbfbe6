package com.discoverytriage.discord;

import com.discoverytriage.conversation.BookingLinks;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.WeeklyDigest;
import com.discoverytriage.summary.SummaryOutbox;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.javacord.api.DiscordApiBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every Discord bean; none exists when {@code triage.discord.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "triage.discord", name = "enabled", havingValue = "true", matchIfMissing = true)
@org.springframework.boot.context.properties.EnableConfigurationProperties(LimitProperties.class)
public class DiscordConfiguration {

    /** Customisers of the Javacord builder (a test's loopback stand-in); none in production. */
    public interface DiscordApiCustomiser extends Consumer<DiscordApiBuilder> {
    }

    /**
     * A missing token stops start-up before anything heavy starts (database, migrations, web server): Spring runs
     * bean-factory post-processors before it creates any ordinary bean. The declared return type is the class, so
     * that Spring sees its order before creating it.
     */
    @Bean
    static TokenCheck discordTokenFirst(Environment environment) {
        return new TokenCheck(environment);
    }

    static final class TokenCheck implements BeanFactoryPostProcessor, PriorityOrdered {

        private final Environment environment;

        TokenCheck(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
            String token = environment.getProperty("triage.discord.token");
            if (token == null || token.isBlank()) {
                throw BotStartupException.missingToken();
            }
        }

        /** Before the conversation files are loaded: a missing token is the likelier first-minute problem. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    DiscordApiFactory discordApiFactory(List<DiscordApiCustomiser> customisers) {
        return new DiscordApiFactory(List.copyOf(customisers));
    }

    @Bean
    InteractionCallbacks interactionCallbacks(InteractionProperties properties, List<DiscordHttpCustomiser> customisers) {
        return new InteractionCallbacks(InteractionCallbacks.client(List.copyOf(customisers)), properties);
    }

    @Bean
    GatewayWatchdog gatewayWatchdog(WatchdogProperties properties) {
        return new GatewayWatchdog(properties);
    }

    @Bean
    CustomIds discordCustomIds(DiscordProperties properties) {
        return CustomIds.derivedFrom(properties.hasToken() ? properties.token() : "no-token");
    }

    @Bean
    BotHealth discordBotHealth() {
        return new BotHealth();
    }

    /** The {@code discord} readiness check (gateway connected, bot healthy). */
    @Bean
    DiscordHealthIndicator discordHealthIndicator(BotHealth health) {
        return new DiscordHealthIndicator(health);
    }

    /** The weekly digest in the summary channel, checked every minute once connected. */
    @Bean(destroyMethod = "stop")
    DigestPoster digestPoster(WeeklyDigest digest, TriageStatistics statistics, DiscordProperties properties) {
        return new DigestPoster(digest, statistics, properties.summaryChannelId(), java.time.Duration.ofMinutes(1));
    }

    @Bean
    SummaryOutbox summaryOutbox(JdbcTemplate jdbc, DiagnosticCatalog catalog, ObjectProvider<Clock> clock) {
        return new SummaryOutbox(jdbc, catalog, clock(clock));
    }

    @Bean
    LeadRecords leadRecords(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new LeadRecords(jdbc, clock(clock));
    }

    /** The stall reminders of the lead lifecycle, sent once the bot is connected. */
    @Bean
    ReminderDms reminderDms(CustomIds ids, JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        return new ReminderDms(ids, new ClosedDms(jdbc, clock(clock)));
    }

    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor discordWorkers(DiscordProperties properties) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(properties.workerThreads(), properties.workerThreads(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.workerQueue()), r -> {
                    Thread t = new Thread(r, "discord-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    @Bean
    DiscordBot discordBot(DiscordProperties properties, DiscordApiFactory factory, DiagnosticCatalog catalog,
            JdbcTemplate jdbc, ObjectProvider<Clock> clockProvider, ConversationService conversations,
            ObjectProvider<BookingLinks> bookingLinks, CustomIds ids, SummaryOutbox outbox, LeadRecords leads,
            BotHealth health, ThreadPoolExecutor discordWorkers, PlatformTransactionManager transactions,
            ReminderDms reminders, InteractionCallbacks callbacks, GatewayWatchdog watchdog, ForgetService forget,
            TriageExport export, LimitProperties limits, DiscordHealthIndicator gateway,
            TriageStatistics statistics, DigestPoster digest) {
        Clock clock = clock(clockProvider);
        ClosedDms closedDms = new ClosedDms(jdbc, clock);
        // the transport exists only once connected; the desk reaches it through this holder
        JavacordTransport[] transport = new JavacordTransport[1];
        DirectMessages dms = (userId, message) -> transport[0].send(userId, message);
        LeadDesk desk = new LeadDesk(leads, outbox, conversations, catalog,
                java.util.Optional.ofNullable(bookingLinks.getIfAvailable()), dms, closedDms,
                new TransactionTemplate(transactions));
        DataRights dataRights = new DataRights(conversations, forget, export, ids, discordWorkers, clock,
                DataRights.MAX_ATTACHMENT_BYTES);
        TriageInteractions interactions = new TriageInteractions(conversations, new ProspectRenderer(ids), ids, desk,
                discordWorkers, ServerPolicy.of(properties), dataRights,
                new TriageAllowance(jdbc, clock, limits.triagesPerDay()), limits.queuedPerPerson())
                .withStats(new StatsCommand(statistics, catalog, discordWorkers, clock));
        SecureRandom random = new SecureRandom();
        DiscordBot bot = new DiscordBot(properties, factory, catalog, new CommandRegistrations(jdbc, clock), interactions,
                api -> new CardDelivery(outbox, leads, new CardRenderer(ids), transport[0], health,
                        properties.summaryChannelId(), properties.deliveryMaxBackoff(), clock, random::nextDouble),
                api -> {
                    gateway.connected(api);
                    digest.connected(api);
                    reminders.connected(transport[0] = new JavacordTransport(api));
                }, callbacks, watchdog);
        bot.drainOnStop(discordWorkers);
        return bot;
    }
}
