package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.CardRenderer;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.export.ExportRow;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;
import org.mockito.Mockito;

/**
 * Discord allows 3 seconds to acknowledge an interaction, and Javacord runs listeners one at a time per server.
 * Each kind of interaction is acknowledged on the listener thread with no database work at all; the work waits
 * on the application's executor (held back here until the test runs it).
 */
@DisplayName("Every interaction is acknowledged before any database work, which runs on the bot's own executor")
class AcknowledgeFirstTest {

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService service = mock(ConversationService.class);
    private final ConsultantDesk desk = mock(ConsultantDesk.class);
    private final Responder responder = mock(Responder.class);
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor heldBack = queued::add;
    private final ForgetService forget = mock(ForgetService.class);
    private final TriageExport export = mock(TriageExport.class);
    private final TriageInteractions interactions = InteractionWiring.of(service, ids, desk, heldBack,
            Fixtures.POLICY).dataRights(forget, export, Clock.systemUTC(), DataRights.MAX_ATTACHMENT_BYTES).build();

    @BeforeEach
    void acknowledgementsSucceed() {
        CompletableFuture<Void> done = CompletableFuture.completedFuture(null);
        when(responder.deferUpdate()).thenReturn(done);
        when(responder.deferReply(anyBoolean())).thenReturn(done);
        when(responder.reply(any())).thenReturn(done);
        when(responder.modal(any())).thenReturn(done);
        when(responder.editOriginal(any())).thenReturn(done);
        when(responder.followup(any())).thenReturn(done);
        when(responder.editOriginalWithFile(any(), any(), any())).thenReturn(done);
        when(forget.forget(any())).thenReturn(new ForgetService.Result(1, 1));
        when(responder.postInChannel(any())).thenReturn(done);
        when(service.handle(any(), any())).thenReturn(Fixtures.signal(3, 2));
        when(service.handle(any(), any(), anyLong())).thenReturn(Fixtures.signal(3, 2));
    }

    private String triage(long step, String action) {
        return ids.encode(new CustomId(CustomId.TRIAGE, Long.toString(Fixtures.USER), step, action));
    }

    private Interaction of(long id, Interaction.Kind kind, String customId, String text, boolean consultant) {
        return new Interaction(id, kind, Fixtures.USER, "Ada", customId, null, text, Fixtures.HOME, consultant);
    }

    /** Handles the interaction as the listener thread would; asserts nothing touched the core before the work ran. */
    private void listenerThenWorker(Interaction i) {
        int before = touches();
        interactions.handle(i, responder);
        assertThat(touches()).as("no call into the core on the listener thread").isEqualTo(before);
        assertThat(queued).as("the work waits for the executor").hasSize(1);
        queued.remove(0).run();
    }

    private int touches() {
        return Mockito.mockingDetails(service).getInvocations().size() + Mockito.mockingDetails(desk).getInvocations().size()
                + Mockito.mockingDetails(forget).getInvocations().size() + Mockito.mockingDetails(export).getInvocations().size();
    }

    @Test
    @DisplayName("/triage: deferred reply, then find / start, then the original response is edited")
    void triageCommand() {
        listenerThenWorker(of(1, Interaction.Kind.TRIAGE_COMMAND, null, null, false));
        InOrder order = inOrder(responder, service);
        order.verify(responder).deferReply(true);
        order.verify(service).find(Fixtures.PROSPECT);
        order.verify(responder).editOriginal(any());
    }

    @Test
    @DisplayName("the panel's Start button: deferred reply before the stored conversation is looked up")
    void panelButton() {
        listenerThenWorker(of(2, Interaction.Kind.BUTTON, ids.encode(new CustomId(CustomId.PANEL, "start", 0, "start")), null, false));
        InOrder order = inOrder(responder, service);
        order.verify(responder).deferReply(true);
        order.verify(service).find(Fixtures.PROSPECT);
        order.verify(responder).editOriginal(any());
    }

    @Test
    @DisplayName("an answer button: deferred update before the answer is applied")
    void answerButton() {
        listenerThenWorker(of(3, Interaction.Kind.BUTTON, triage(2, "a=yes"), null, false));
        InOrder order = inOrder(responder, service);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Answer("yes"), 2L);
        order.verify(responder).editOriginal(any());
    }

    @Test
    @DisplayName("Back, Start over, Continue and Skip: deferred update before the command")
    void navigationButtons() {
        long id = 10;
        for (String action : List.of("back", "restart", "show", "skip", "confirm", "start")) {
            listenerThenWorker(of(id++, Interaction.Kind.BUTTON, triage(2, action), null, false));
        }
        InOrder order = inOrder(responder, service);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Back(), 2L);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Restart(), 2L);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Show());
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Answer(""), 2L);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Confirm(), 2L);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(eq(Fixtures.PROSPECT), any(Command.Start.class));
    }

    @Test
    @DisplayName("a modal submit: deferred update before the text is stored")
    void modalSubmit() {
        String modal = ids.encode(new CustomId(CustomId.MODAL, Long.toString(Fixtures.USER), 8, "answer"));
        listenerThenWorker(of(4, Interaction.Kind.MODAL, modal, "Acme, CEO", false));
        InOrder order = inOrder(responder, service);
        order.verify(responder).deferUpdate();
        order.verify(service).handle(Fixtures.PROSPECT, new Command.Answer("Acme, CEO"), 8L);
    }

    @Test
    @DisplayName("the Answer button of a free-text question opens its modal at once: no database work at all")
    void answerTextOpensModal() {
        interactions.handle(of(5, Interaction.Kind.BUTTON, triage(8, "text"), null, false), responder);
        verify(responder).modal(any());
        assertThat(queued).isEmpty();
        verifyNoInteractions(service, desk);
    }

    @Test
    @DisplayName("Talk to the consultant anyway: deferred update before the lead is flagged")
    void talkAnyway() {
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(Fixtures.snapshot(Phase.DECIDED, 9, Fixtures.alternative())));
        listenerThenWorker(of(6, Interaction.Kind.BUTTON, triage(9, "talk"), null, false));
        InOrder order = inOrder(responder, service, desk);
        order.verify(responder).deferUpdate();
        order.verify(service).find(Fixtures.PROSPECT);
        order.verify(desk).talkAnyway(any());
        order.verify(responder).editOriginal(any());
    }

    @Test
    @DisplayName("card buttons (status and override): deferred update before the lead is written, then a private note")
    void cardButtons() {
        when(desk.setStatus(any(), any(), any())).thenReturn("Lead marked: Contacted.");
        when(desk.overrideToBook(any(), any())).thenReturn("Outcome overridden: book.");
        listenerThenWorker(of(7, Interaction.Kind.BUTTON, ids.encode(new CustomId(CustomId.CARD, "t-1", 0, "status=contacted")), null, true));
        listenerThenWorker(of(8, Interaction.Kind.BUTTON, ids.encode(new CustomId(CustomId.CARD, "t-1", 0, CardRenderer.OVERRIDE)), null, true));
        InOrder order = inOrder(responder, desk);
        order.verify(responder).deferUpdate();
        order.verify(desk).setStatus("t-1", LeadState.Status.CONTACTED, "Ada");
        order.verify(responder).followup(any());
        order.verify(responder).deferUpdate();
        order.verify(desk).overrideToBook("t-1", "Ada");
        order.verify(responder).followup(any());
    }

    @Test
    @DisplayName("/triage-panel: answered at once, then the panel is posted by the worker; refusals are immediate too")
    void panelCommand() {
        // the post is work like any other: on the worker, once per interaction id (ExactlyOnceTest)
        listenerThenWorker(of(9, Interaction.Kind.PANEL_COMMAND, null, null, true));
        InOrder order = inOrder(responder);
        order.verify(responder).reply(any());
        order.verify(responder).postInChannel(any());
        interactions.handle(of(10, Interaction.Kind.PANEL_COMMAND, null, null, false), responder);
        interactions.handle(new Interaction(11, Interaction.Kind.BUTTON, 999L, "Eve", triage(2, "a=yes"), null, null, Fixtures.HOME, false), responder);
        assertThat(queued).isEmpty();
        verifyNoInteractions(service, desk);
    }

    @Test
    @DisplayName("/triage-forget: deferred reply before the stored data is looked at; Erase everything: deferred update before the erasure")
    void forgetCommandAndConfirmation() {
        listenerThenWorker(of(20, Interaction.Kind.FORGET_COMMAND, null, null, false));
        ArgumentCaptor<MessageSpec> confirmation = ArgumentCaptor.forClass(MessageSpec.class);
        InOrder order = inOrder(responder, service, forget);
        order.verify(responder).deferReply(true);
        order.verify(service).find(Fixtures.PROSPECT);
        order.verify(responder).editOriginal(confirmation.capture());
        String erase = confirmation.getValue().buttons().get(0).customId();

        listenerThenWorker(of(21, Interaction.Kind.BUTTON, erase, null, false));
        order.verify(responder).deferUpdate();
        order.verify(service).find(Fixtures.PROSPECT);
        order.verify(forget).forget(Fixtures.PROSPECT);
        order.verify(responder).editOriginal(any());
    }

    @Test
    @DisplayName("/triage-export: deferred reply before the triages are read, then the file is attached")
    void exportCommand() {
        when(export.rows(any(), any())).thenReturn(List.of(new ExportRow("t-1", null, null, "discord:1", null, null,
                null, null, null, null, java.util.Map.of())));
        when(export.table(any())).thenReturn(List.of(List.of("triage_id"), List.of("t-1")));
        listenerThenWorker(of(22, Interaction.Kind.EXPORT_COMMAND, null, null, true));
        InOrder order = inOrder(responder, export);
        order.verify(responder).deferReply(true);
        order.verify(export).rows(null, null);
        order.verify(responder).editOriginalWithFile(any(), any(), any());
    }

    @Test
    @DisplayName("refusals and bad dates of the new commands are answered at once, with no work queued")
    void immediateRefusals() {
        interactions.handle(new Interaction(23, Interaction.Kind.EXPORT_COMMAND, Fixtures.USER, "Ada", null, null, null,
                Fixtures.HOME, false), responder);
        interactions.handle(new Interaction(24, Interaction.Kind.EXPORT_COMMAND, Fixtures.USER, "Ada", null, null, null,
                Fixtures.HOME, true, java.util.Map.of(DataRights.SINCE_OPTION, "not a date")), responder);
        interactions.handle(new Interaction(25, Interaction.Kind.FORGET_COMMAND, Fixtures.USER, "Ada", null, null, null,
                Fixtures.HOME, false, java.util.Map.of(DataRights.USER_OPTION, "42")), responder);
        verify(responder, Mockito.times(3)).reply(any());
        assertThat(queued).isEmpty();
        verifyNoInteractions(service, forget, export);
    }
}
