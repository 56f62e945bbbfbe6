package com.discoverytriage.discord;

import com.discoverytriage.discord.card.CardDelivery;
import com.discoverytriage.discord.card.CardRenderer;
import com.discoverytriage.discord.card.CardSender;
import com.discoverytriage.discord.card.ClosedDms;
import com.discoverytriage.discord.card.DirectMessages;
import com.discoverytriage.discord.card.LeadDesk;
import com.discoverytriage.discord.card.ReminderDms;
import com.discoverytriage.discord.gateway.DigestPoster;
import com.discoverytriage.discord.gateway.DiscordApiFactory;
import com.discoverytriage.discord.gateway.DiscordBot;
import com.discoverytriage.discord.gateway.DiscordHealthIndicator;
import com.discoverytriage.discord.gateway.GatewayProperties;
import com.discoverytriage.discord.gateway.GatewayWatchdog;
import com.discoverytriage.discord.gateway.JavacordTransport;
import com.discoverytriage.discord.gateway.WatchdogProperties;
import com.discoverytriage.discord.http.DiscordHttpCustomiser;
import com.discoverytriage.discord.http.DiscordRest;
import com.discoverytriage.discord.http.HttpInteractionProperties;
import com.discoverytriage.discord.http.InteractionCallbacks;
import com.discoverytriage.discord.interaction.CommandRegistrations;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.interaction.InteractionConfiguration;
import com.discoverytriage.discord.interaction.InteractionProperties;
import com.discoverytriage.discord.interaction.LimitProperties;
import com.discoverytriage.discord.interaction.TriageInteractions;
import com.discoverytriage.discord.interaction.WorkerDrain;
import com.discoverytriage.discord.render.MessageSpec;

import com.discoverytriage.cluster.DatabaseLocks;
import com.discoverytriage.conversation.BookingLinks;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
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
@org.springframework.context.annotation.Import(InteractionConfiguration.class)
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

    /** The bot's REST calls that need no gateway connection (cards, DMs, commands in HTTP mode). */
    @Bean
    DiscordRest discordRest(DiscordProperties properties, InteractionProperties interactionProperties,
            List<DiscordHttpCustomiser> customisers) {
        return new DiscordRest(InteractionCallbacks.client(List.copyOf(customisers)), interactionProperties,
                properties.hasToken() ? properties.token() : "");
    }

    /** The Javacord transport once this instance holds the gateway; null while it does not. */
    @Bean
    ConnectedTransport connectedTransport() {
        return new ConnectedTransport();
    }

    @Bean
    LeadDesk leadDesk(ConversationService conversations, ObjectProvider<BookingLinks> bookingLinks,
            DiagnosticCatalog catalog, SummaryOutbox outbox, LeadRecords leads, JdbcTemplate jdbc,
            ObjectProvider<Clock> clock, PlatformTransactionManager transactions, ConnectedTransport transport,
            DiscordRest rest) {
        DirectMessages dms = (userId, message) -> transport.dms(rest).send(userId, message);
        return new LeadDesk(leads, outbox, conversations, catalog,
                java.util.Optional.ofNullable(bookingLinks.getIfAvailable()), dms, new ClosedDms(jdbc, clock(clock)),
                new TransactionTemplate(transactions));
    }

    @Bean
    WorkerDrain discordWorkerDrain(ThreadPoolExecutor discordWorkers) {
        return new WorkerDrain(discordWorkers);
    }

    @Bean
    DiscordBot discordBot(DiscordProperties properties, DiscordApiFactory factory, DiagnosticCatalog catalog,
            JdbcTemplate jdbc, ObjectProvider<Clock> clockProvider, CustomIds ids, SummaryOutbox outbox,
            LeadRecords leads, BotHealth health, TriageInteractions interactions, ReminderDms reminders,
            InteractionCallbacks callbacks, GatewayWatchdog watchdog, DatabaseLocks locks,
            GatewayProperties gateway, HttpInteractionProperties http, DiscordRest rest,
            ConnectedTransport transport, ThreadPoolExecutor discordWorkers, DiscordHealthIndicator gatewayHealth,
            DigestPoster digest) {
        Clock clock = clock(clockProvider);
        reminders.connected(rest);
        SecureRandom random = new SecureRandom();
        // cards go through Javacord while this instance holds the gateway, else over REST; rows are claimed, so
        // each card is delivered by one instance at a time
        CardSender cards = new CardSender() {
            @Override
            public String post(long channelId, MessageSpec card, String nonce) {
                return transport.cards(rest).post(channelId, card, nonce);
            }

            @Override
            public void edit(long channelId, String messageId, MessageSpec card) {
                transport.cards(rest).edit(channelId, messageId, card);
            }

            @Override
            public java.util.Optional<String> findOwn(long channelId, String footer) {
                return transport.cards(rest).findOwn(channelId, footer);
            }
        };
        DiscordBot bot = new DiscordBot(properties, factory, catalog, new CommandRegistrations(jdbc, clock), interactions,
                api -> new CardDelivery(outbox, leads, new CardRenderer(ids), cards, health,
                        properties.summaryChannelId(), properties.deliveryMaxBackoff(), clock, random::nextDouble,
                        properties.deliveryClaim()),
                api -> {
                    gatewayHealth.connected(api);
                    digest.connected(api);
                    // in HTTP mode every instance sends over REST, the leader too: the gateway only brings DMs
                    transport.set(api == null || http.enabled() ? null : new JavacordTransport(api));
                    reminders.connected(transport.dms(rest));
                }, callbacks, watchdog, new DiscordBot.Instances(locks, gateway, http.enabled(), rest));
        if (!http.enabled()) {
            // gateway mode: drained before disconnecting (DMs of the work in flight go through the gateway's client);
            // in HTTP mode WorkerDrain drains after the web server stopped taking interactions
            bot.drainOnStop(discordWorkers);
        }
        return bot;
    }

    /** Holds the Javacord transport while connected. */
    static final class ConnectedTransport {

        private volatile JavacordTransport transport;

        void set(JavacordTransport transport) {
            this.transport = transport;
        }

        CardSender cards(DiscordRest fallback) {
            JavacordTransport t = transport;
            return t != null ? t : fallback;
        }

        DirectMessages dms(DiscordRest fallback) {
            JavacordTransport t = transport;
            return t != null ? t : fallback;
        }
    }
}
