package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.CardDeliveryTest;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.discord.interaction.TriageInteractionsTest.FakeResponder;
import com.discoverytriage.fixtures.MigratedDatabase;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 9, item 6: one person could start triage after triage (a card each in the consultant's channel), and
 * clicking fast filled the 500-slot worker queue that everybody shares.
 */
@DisplayName("Per-person limits: new triages a day, and a fair share of the worker queue")
class PerPersonLimitsTest {

    private static final long OTHER = 987654321L;

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService conversations = mock(ConversationService.class);
    private final CardDeliveryTest.MutableClock clock = new CardDeliveryTest.MutableClock();

    private Interaction triage(long id, long user) {
        return new Interaction(id, Interaction.Kind.TRIAGE_COMMAND, user, "Ada", null, null, null, Fixtures.HOME, false);
    }

    @Test
    void givenThreeTriagesToday_whenTheSamePersonStartsAFourth_thenTheyAreToldKindlyAndNoTriageStarts() {
        TriageAllowance allowance = new TriageAllowance(new JdbcTemplate(MigratedDatabase.fresh()), clock, 3);
        TriageInteractions interactions = InteractionWiring.of(conversations, ids,
                mock(ConsultantDesk.class), Runnable::run, Fixtures.POLICY).allowance(allowance).queuedPerPerson(10).build();
        when(conversations.find(any())).thenReturn(Optional.empty());
        when(conversations.handle(any(), any(Command.Start.class))).thenReturn(Fixtures.signal(1, 1));
        FakeResponder responder = new FakeResponder();

        for (int n = 1; n <= 4; n++) {
            interactions.handle(triage(n, Fixtures.USER), responder);
        }

        verify(conversations, times(3)).handle(eq(Fixtures.PROSPECT), any(Command.Start.class));
        assertThat(responder.edited).hasSize(4);
        assertThat(responder.edited.get(3).content()).isEqualTo(ProspectFlow.DAILY_LIMIT.formatted(3));
        assertThat(responder.edited.get(3).ephemeral()).isTrue();

        // someone else is not affected, and the next day the person may start again
        interactions.handle(triage(5, OTHER), responder);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        interactions.handle(triage(6, Fixtures.USER), responder);
        verify(conversations, times(4)).handle(eq(Fixtures.PROSPECT), any(Command.Start.class));
    }

    @Test
    void givenOnePersonClickingFast_whenSomeoneElseClicks_thenTheirWorkIsStillQueued() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ThreadPoolExecutor workers = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(50));
        try {
            workers.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            TriageInteractions interactions = InteractionWiring.of(conversations, ids,
                    mock(ConsultantDesk.class), workers, Fixtures.POLICY).queuedPerPerson(10).build();
            FakeResponder fast = new FakeResponder();
            for (int n = 1; n <= 200; n++) {
                interactions.handle(triage(n, Fixtures.USER), fast);
            }
            FakeResponder patient = new FakeResponder();
            interactions.handle(triage(1000, OTHER), patient);

            assertThat(workers.getQueue()).hasSizeLessThanOrEqualTo(11);
            assertThat(fast.followups).extracting(MessageSpec::content).contains(TriageInteractions.BUSY);
            assertThat(patient.followups).as("the other person was not told to wait").isEmpty();
        } finally {
            release.countDown();
            workers.shutdownNow();
        }
    }
}
