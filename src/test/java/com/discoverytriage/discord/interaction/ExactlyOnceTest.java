package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.interaction.TriageInteractionsTest.FakeResponder;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.ExportRow;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import com.discoverytriage.summary.LeadState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Issue 13, item 2: "every interaction is applied at most once, even when Discord or a load balancer delivers it
 * twice (the interaction id is recorded in the database, not only in a per-process cache)". Two instances share one
 * database (one {@code interaction_receipt} table) and nothing else; the same interaction (same id) reaches both,
 * each answering its own delivery. For every kind the bot handles, the work is done once and the second delivery
 * gets an acknowledgement and nothing more.
 */
@DisplayName("Exactly once: the same interaction delivered to two instances is applied once, whatever its kind")
class ExactlyOnceTest {

    private static final long CONSULTANT = 555L;

    private final Clock clock = Clock.fixed(Instant.parse("2025-03-15T12:00:00Z"), ZoneOffset.UTC);
    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService conversations = mock(ConversationService.class);
    private final ConsultantDesk desk = mock(ConsultantDesk.class);
    private final ForgetService forget = mock(ForgetService.class);
    private final TriageExport export = mock(TriageExport.class);
    private final TriageStatistics statistics = mock(TriageStatistics.class);
    private final DiagnosticCatalog catalog = mock(DiagnosticCatalog.class);
    private final JdbcTemplate sharedDatabase = new JdbcTemplate(MigratedDatabase.fresh());

    private final TriageInteractions first = instance();
    private final TriageInteractions second = instance();
    private final FakeResponder firstDelivery = new FakeResponder();
    private final FakeResponder secondDelivery = new FakeResponder();

    {
        when(conversations.find(any())).thenReturn(Optional.empty());
        when(conversations.handle(any(), any())).thenReturn(Fixtures.signal(1, 1));
        when(conversations.handle(any(), any(), anyLong())).thenReturn(Fixtures.signal(5, 4));
        when(forget.forget(any())).thenReturn(new ForgetService.Result(1, 1));
        when(desk.setStatus(any(), any(), any())).thenReturn("Lead marked: Contacted.");
        when(statistics.compute(any())).thenAnswer(a -> new TriageStats(a.getArgument(0), 0, 0, 0, 0, List.of(), 0, 0,
                0, 0, null, null, List.of(), clock.instant()));
    }

    /** One application instance: its own memory, the shared database. */
    private TriageInteractions instance() {
        return InteractionWiring.of(conversations, ids, desk, Runnable::run, Fixtures.POLICY)
                .dataRights(forget, export, clock, DataRights.MAX_ATTACHMENT_BYTES)
                .stats(statistics, catalog, clock)
                .receipts(new InteractionReceipts(sharedDatabase, clock))
                .build();
    }

    /** The same interaction reaches both instances, as a load balancer's retry or a repeated delivery would. */
    private void deliveredTwice(Interaction i) {
        first.handle(i, firstDelivery);
        second.handle(i, secondDelivery);
    }

    private static List<String> acknowledgementsOnly(FakeResponder r) {
        List<String> rest = new ArrayList<>(r.calls);
        rest.removeIf(c -> c.startsWith("defer"));
        return rest;
    }

    private Interaction command(long id, Interaction.Kind kind, long user, boolean consultant, Map<String, String> options) {
        return new Interaction(id, kind, user, "Someone", null, null, null, Fixtures.HOME, consultant, options);
    }

    private Interaction click(long id, long user, String customId, String text, boolean consultant) {
        return new Interaction(id, Interaction.Kind.BUTTON, user, "Someone", customId, null, text, Fixtures.HOME, consultant);
    }

    private String triageButton(long step, String action) {
        return ids.encode(new CustomId(CustomId.TRIAGE, Long.toUnsignedString(Fixtures.USER), step, action));
    }

    @Test
    void givenTriageCommandDeliveredTwice_whenBothInstancesHandleIt_thenOneTriageStartsAndOneAnswerIsShown() {
        deliveredTwice(command(101, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, false, Map.of()));

        verify(conversations, times(1)).handle(eq(Fixtures.PROSPECT), any(Command.Start.class));
        assertThat(firstDelivery.calls).containsExactly("deferReply:true", "editOriginal");
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenAnswerButtonDeliveredTwice_whenBothInstancesHandleIt_thenTheAnswerIsAppliedOnce() {
        deliveredTwice(click(102, Fixtures.USER, triageButton(4, "a=yes"), null, false));

        verify(conversations, times(1)).handle(Fixtures.PROSPECT, new Command.Answer("yes"), 4L);
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenChangeAnAnswerSelectDeliveredTwice_whenBothInstancesHandleIt_thenOneEditReachesTheCore() {
        deliveredTwice(click(103, Fixtures.USER, triageButton(8, "edit"), "leader-gone", false));

        verify(conversations, times(1)).handle(Fixtures.PROSPECT, new Command.Edit("leader-gone"), 8L);
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenModalSubmitDeliveredTwice_whenBothInstancesHandleIt_thenTheTypedAnswerIsAppliedOnce() {
        String modal = ids.encode(new CustomId(CustomId.MODAL, Long.toUnsignedString(Fixtures.USER), 9, "answer"));
        deliveredTwice(new Interaction(104, Interaction.Kind.MODAL, Fixtures.USER, "Ada", modal, null, "Acme, CEO",
                Fixtures.HOME, false));

        verify(conversations, times(1)).handle(Fixtures.PROSPECT, new Command.Answer("Acme, CEO"), 9L);
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenPanelStartButtonDeliveredTwice_whenBothInstancesHandleIt_thenOneTriageStarts() {
        deliveredTwice(click(105, Fixtures.USER, ids.encode(new CustomId(CustomId.PANEL, "start", 0, "start")), null, false));

        verify(conversations, times(1)).handle(eq(Fixtures.PROSPECT), any(Command.Start.class));
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenCardStatusButtonDeliveredTwice_whenBothInstancesHandleIt_thenTheLeadIsMarkedOnceAndConfirmedOnce() {
        String card = ids.encode(new CustomId(CustomId.CARD, "triage-1", 0, "status=contacted"));
        deliveredTwice(click(106, CONSULTANT, card, null, true));

        verify(desk, times(1)).setStatus("triage-1", LeadState.Status.CONTACTED, "Someone");
        assertThat(firstDelivery.followups).hasSize(1);
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenPanelCommandDeliveredTwice_whenBothInstancesHandleIt_thenOnePanelIsPosted() {
        deliveredTwice(command(107, Interaction.Kind.PANEL_COMMAND, CONSULTANT, true, Map.of()));

        int posted = (int) (firstDelivery.calls.stream().filter("postInChannel"::equals).count()
                + secondDelivery.calls.stream().filter("postInChannel"::equals).count());
        assertThat(posted).as("panels posted in the channel").isEqualTo(1);
    }

    @Test
    void givenForgetCommandDeliveredTwice_whenBothInstancesHandleIt_thenOneConfirmationIsShown() {
        deliveredTwice(command(108, Interaction.Kind.FORGET_COMMAND, Fixtures.USER, false, Map.of()));

        assertThat(firstDelivery.calls).containsExactly("deferReply:true", "editOriginal");
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenEraseClickDeliveredTwice_whenBothInstancesHandleIt_thenTheDataIsErasedOnceAndDoneIsNotOverwritten() {
        stored("triage-a");
        first.handle(command(109, Interaction.Kind.FORGET_COMMAND, Fixtures.USER, false, Map.of()), firstDelivery);
        String erase = firstDelivery.edited.get(0).buttons().get(0).customId();
        when(forget.forget(Fixtures.PROSPECT)).thenAnswer(a -> {
            when(conversations.find(any())).thenReturn(Optional.empty()); // erased with everything else
            return new ForgetService.Result(1, 1);
        });

        deliveredTwice(click(110, Fixtures.USER, erase, null, false));

        verify(forget, times(1)).forget(Fixtures.PROSPECT);
        assertThat(firstDelivery.edited).extracting(MessageSpec::content).contains(DataRights.DONE_SELF);
        assertThat(acknowledgementsOnly(secondDelivery)).as("no 'out of date' note over the 'Done'").isEmpty();
    }

    @Test
    void givenKeepClickDeliveredTwice_whenBothInstancesHandleIt_thenOneKeptNoteIsShown() {
        stored("triage-a");
        first.handle(command(111, Interaction.Kind.FORGET_COMMAND, Fixtures.USER, false, Map.of()), firstDelivery);
        String keep = firstDelivery.edited.get(0).buttons().get(1).customId();
        firstDelivery.calls.clear();

        deliveredTwice(click(112, Fixtures.USER, keep, null, false));

        assertThat(firstDelivery.calls).containsExactly("deferUpdate", "editOriginal");
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenExportCommandDeliveredTwice_whenBothInstancesHandleIt_thenOneFileIsExported() {
        when(export.rows(any(), any())).thenReturn(List.of(new ExportRow("t-1", Instant.parse("2025-01-05T10:00:00Z"), null,
                "discord:1", "Ada", "product-leadership", "book", "book", "decided", null, Map.of("q1", "yes"))));
        when(export.table(any())).thenReturn(List.of(List.of("triage_id"), List.of("triage-1")));

        deliveredTwice(command(113, Interaction.Kind.EXPORT_COMMAND, CONSULTANT, true, Map.of()));

        verify(export, times(1)).rows(any(), any());
        assertThat(firstDelivery.files).hasSize(1);
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenStatsCommandDeliveredTwice_whenBothInstancesHandleIt_thenTheFiguresAreComputedAndShownOnce() {
        deliveredTwice(command(114, Interaction.Kind.STATS_COMMAND, CONSULTANT, true, Map.of()));

        verify(statistics, times(1)).compute(any());
        assertThat(firstDelivery.calls).containsExactly("deferReply:true", "editOriginalWithFile");
        assertThat(acknowledgementsOnly(secondDelivery)).isEmpty();
    }

    @Test
    void givenTheSameDmDeliveredToTwoInstances_whenBothAnswer_thenOneTriageStartsAndOneMessageIsSent() {
        List<MessageSpec> sent = new ArrayList<>();
        java.util.function.Function<MessageSpec, CompletableFuture<Void>> reply = spec -> {
            sent.add(spec);
            return CompletableFuture.completedFuture(null);
        };

        first.directMessage(115, Fixtures.USER, "Ada", reply);
        second.directMessage(115, Fixtures.USER, "Ada", reply);

        verify(conversations, times(1)).handle(eq(Fixtures.PROSPECT), any(Command.Start.class));
        assertThat(sent).hasSize(1);
    }

    @Test
    void givenTheFreeTextButtonDeliveredTwice_whenBothInstancesHandleIt_thenEachOpensTheFormAndNothingIsApplied() {
        when(conversations.handle(any(), any(), anyLong())).thenReturn(Fixtures.text(9, true));

        deliveredTwice(click(116, Fixtures.USER, triageButton(9, "text"), null, false));

        // opening a form is the acknowledgement itself and changes nothing: Discord keeps the first
        assertThat(firstDelivery.calls).containsExactly("modal");
        assertThat(secondDelivery.calls).containsExactly("modal");
        verify(conversations, times(0)).handle(any(), any(), anyLong());
    }

    private void stored(String triageId) {
        ConversationSnapshot s = Fixtures.snapshot(Phase.ASKING, 4, null);
        when(conversations.find(any())).thenReturn(Optional.of(new ConversationSnapshot(s.prospect(), triageId,
                s.displayName(), s.diagnosticId(), s.diagnosticVersion(), s.phase(), s.questionNumber(),
                s.questionTotal(), s.answers(), s.evaluation(), s.bookingUrl(), s.step(), s.startedAt(),
                s.updatedAt(), s.finishedAt())));
    }
}
