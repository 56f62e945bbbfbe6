package com.discoverytriage.discord;

import com.discoverytriage.discord.card.CardDelivery;
import com.discoverytriage.discord.card.CardRenderer;
import com.discoverytriage.discord.card.CardSender;
import com.discoverytriage.discord.gateway.DiscordApiFactory;
import com.discoverytriage.discord.gateway.DiscordBot;
import com.discoverytriage.discord.interaction.CustomId;
import com.discoverytriage.discord.interaction.Interaction;

import com.discoverytriage.discord.card.CardDeliveryTest;
import com.discoverytriage.discord.card.ClosedDms;
import com.discoverytriage.discord.card.DirectMessages;
import com.discoverytriage.discord.card.LeadDesk;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.interaction.TriageInteractions;
import com.discoverytriage.discord.interaction.TriageInteractionsTest;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.View;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.fixtures.TraceLogs;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.summary.TriageSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a whole triage through the adapter, with every failure path the adapter logs (service errors, failed and
 * expired edits, failed DMs, failed card deliveries, a rejected token), and reads every log line with the root logger
 * at TRACE (the summary outbox's JDBC writes included).
 */
@DisplayName("Logs never carry the bot token, an interaction token, a prospect's answer or name, even on failure")
class LogRedactionTest {

    private static final String BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gx1y2z.bot-token-secret-part";
    private static final String INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDpzZWNyZXQ";
    private static final String NAME = "Adalind Quux-Prospect";
    private static final String FREE_TEXT = "Zyxwv Widgets, Chief Snorkel Officer";
    private static final List<String> SECRETS = List.of(BOT_TOKEN, INTERACTION_TOKEN, NAME, FREE_TEXT);

    private TraceLogs logs;

    private final CustomIds ids = CustomIds.derivedFrom(BOT_TOKEN);
    private final ConversationService service = mock(ConversationService.class);
    private final DirectMessages dms = mock(DirectMessages.class);
    private final CardDeliveryTest.MutableClock clock = new CardDeliveryTest.MutableClock();
    private JdbcTemplate jdbc;
    private SummaryOutbox outbox;
    private LeadRecords leads;
    private TriageInteractions interactions;

    @BeforeEach
    void capture() {
        // the root logger at TRACE, with application.yml's guards on top (issue 9: JDBC parameters at TRACE)
        logs = new TraceLogs();
        DataSource ds = MigratedDatabase.fresh();
        jdbc = new JdbcTemplate(ds);
        outbox = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock);
        leads = new LeadRecords(jdbc, clock);
        LeadDesk desk = new LeadDesk(leads, outbox, service, new DiagnosticCatalog(List.of(), null), Optional.empty(), dms,
                new ClosedDms(jdbc, clock), new TransactionTemplate(new DataSourceTransactionManager(ds)));
        interactions = com.discoverytriage.discord.interaction.InteractionWiring.of(service, ids, desk, Runnable::run, Fixtures.POLICY).build();
    }

    @AfterEach
    void release() {
        logs.close();
    }

    /** A responder whose Discord calls fail the way Javacord reports them: with the webhook URL in the message. */
    private static final class LeakyResponder extends TriageInteractionsTest.FakeResponder {
        RuntimeException failure;

        @Override
        public CompletableFuture<Void> editOriginal(MessageSpec spec) {
            super.editOriginal(spec);
            return failure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(failure);
        }
    }

    private static RuntimeException leaky() {
        return new CompletionException(new IllegalStateException("PATCH https://discord.com/api/v10/webhooks/1/"
                + INTERACTION_TOKEN + "/messages/@original failed for " + NAME + ": " + FREE_TEXT));
    }

    private Interaction click(long id, long step, String action) {
        return new Interaction(id, Interaction.Kind.BUTTON, Fixtures.USER, NAME,
                ids.encode(new CustomId(CustomId.TRIAGE, Long.toString(Fixtures.USER), step, action)), null, null, Fixtures.HOME, false);
    }

    @Test
    @DisplayName("a full triage with failures at every step leaves failure lines, none with a secret in it")
    void fullTriage() {
        LeakyResponder responder = new LeakyResponder();
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.empty());
        when(service.handle(eq(Fixtures.PROSPECT), any(Command.Start.class))).thenReturn(Fixtures.signal(1, 1));
        interactions.handle(new Interaction(1, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, NAME, null, null, null, Fixtures.HOME, false), responder);

        when(service.handle(Fixtures.PROSPECT, new Command.Answer("yes"), 1L)).thenReturn(Fixtures.text(2, false));
        responder.failure = leaky();
        interactions.handle(click(2, 1, "a=yes"), responder);

        interactions.handle(click(3, 2, "text"), responder);
        String modal = ids.encode(new CustomId(CustomId.MODAL, Long.toString(Fixtures.USER), 2, "answer"));
        when(service.handle(Fixtures.PROSPECT, new Command.Answer(FREE_TEXT), 2L))
                .thenThrow(new IllegalStateException("could not store '" + FREE_TEXT + "' for " + NAME))
                .thenReturn(new View.ReviewView(3, "product-leadership", List.of(
                        new View.AnsweredQuestion("company", "Company and role?", FREE_TEXT))));
        responder.failure = null;
        interactions.handle(new Interaction(4, Interaction.Kind.MODAL, Fixtures.USER, NAME, modal, null, FREE_TEXT, Fixtures.HOME, false), responder);
        interactions.handle(new Interaction(5, Interaction.Kind.MODAL, Fixtures.USER, NAME, modal, null, FREE_TEXT, Fixtures.HOME, false), responder);

        when(service.handle(Fixtures.PROSPECT, new Command.Confirm(), 3L)).thenReturn(Fixtures.outcomeView(4, Fixtures.alternative(), null));
        responder.failure = new DiscordFailure(404, DiscordFailure.UNKNOWN_WEBHOOK, "Unknown Webhook " + INTERACTION_TOKEN);
        interactions.handle(click(6, 3, "confirm"), responder);

        TriageSummary summary = new TriageSummary("t-1", Fixtures.PROSPECT.value(), NAME, "product-leadership",
                "Product leadership", "v", Phase.DECIDED, 2, 2, Fixtures.T0, Fixtures.T0.plusSeconds(90),
                List.of(new TriageSummary.Item("company", null, "Company and role?", FREE_TEXT, false)),
                null, Fixtures.alternative(), null, null, null);
        outbox.record(summary);
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(Fixtures.snapshot(Phase.DECIDED, 4, Fixtures.alternative())));
        when(service.handle(Fixtures.PROSPECT, new Command.Show())).thenReturn(Fixtures.outcomeView(4, Fixtures.alternative(), null));
        responder.failure = null;
        interactions.handle(click(7, 4, "talk"), responder);

        doThrow(new IllegalStateException("DM to " + NAME + " with " + BOT_TOKEN + " failed")).when(dms).send(anyLong(), any());
        interactions.handle(new Interaction(8, Interaction.Kind.BUTTON, 77L, "Consultant " + NAME,
                ids.encode(new CustomId(CustomId.CARD, "t-1", 0, CardRenderer.OVERRIDE)), null, null, Fixtures.HOME, true), responder);

        interactions.directMessage(99, Fixtures.USER, NAME, spec -> { throw leaky(); });

        CardSender sender = mock(CardSender.class);
        when(sender.post(anyLong(), any(), any())).thenThrow(new IllegalStateException("POST with " + BOT_TOKEN + " failed: " + FREE_TEXT));
        new CardDelivery(outbox, leads, new CardRenderer(ids), sender, new BotHealth(), 42L, Duration.ofMinutes(1), clock,
                () -> 0.5).runOnce();

        DiscordApiFactory factory = mock(DiscordApiFactory.class);
        when(factory.login(BOT_TOKEN)).thenReturn(java.util.concurrent.CompletableFuture.failedFuture(
                new CompletionException(new IllegalStateException("401: Unauthorized. Authorization: Bot " + BOT_TOKEN))));
        DiscordProperties properties = new DiscordProperties(true, BOT_TOKEN, 0, java.util.List.of(), 0, 0, 1, 1, Duration.ofSeconds(2),
                Duration.ofMinutes(1), Duration.ofSeconds(5));
        DiscordBot bot = new DiscordBot(properties, factory, null, null, interactions, api -> null, api -> { }, null, null);
        assertThatThrownBy(bot::start).isInstanceOf(BotStartupException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains("DISCORD_TOKEN").doesNotContain(BOT_TOKEN));
        assertThat(properties.toString()).doesNotContain(BOT_TOKEN);

        List<String> lines = rendered();
        assertThat(String.join("\n", lines)).as("the failure paths did log")
                .contains("handling an interaction failed")
                .contains("could not answer")
                .contains("token expired")
                .contains("could not tell the prospect")
                .contains("answering a DM failed")
                .contains("not delivered");
        for (String secret : SECRETS) {
            assertThat(lines).as("log lines containing a secret").noneMatch(line -> line.contains(secret));
        }
        assertThat(outbox.find("t-1").orElseThrow().toString()).doesNotContain(BOT_TOKEN);
        assertThat(jdbc.queryForObject("SELECT last_error FROM summary_outbox WHERE triage_id = 't-1'", String.class))
                .doesNotContain(BOT_TOKEN).doesNotContain(FREE_TEXT);
    }

    private List<String> rendered() {
        return logs.lines();
    }
}
