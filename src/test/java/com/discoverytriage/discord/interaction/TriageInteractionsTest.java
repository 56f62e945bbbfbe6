package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Interactions: acknowledged first, then answered; foreign, stale, double and forged clicks change nothing")
public class TriageInteractionsTest {

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService service = mock(ConversationService.class);
    private final ConsultantDesk desk = mock(ConsultantDesk.class);
    private final TriageInteractions interactions = InteractionWiring.of(service, ids, desk, Runnable::run, Fixtures.POLICY).build();
    private final FakeResponder responder = new FakeResponder();

    private String button(long user, long step, String action) {
        return ids.encode(new CustomId(CustomId.TRIAGE, Long.toString(user), step, action));
    }

    private Interaction click(long id, long user, String customId) {
        return new Interaction(id, Interaction.Kind.BUTTON, user, "Ada", customId, null, null, Fixtures.HOME, false);
    }

    @Test
    @DisplayName("a click on Yes defers the update first, then sends the answer with the step and edits in place")
    void answer() {
        when(service.handle(eq(Fixtures.PROSPECT), any(), eq(4L))).thenReturn(Fixtures.signal(5, 4));
        interactions.handle(click(1, Fixtures.USER, button(Fixtures.USER, 4, "a=yes")), responder);
        assertThat(responder.calls).containsExactly("deferUpdate", "editOriginal");
        verify(service).handle(Fixtures.PROSPECT, new Command.Answer("yes"), 4L);
        assertThat(responder.edited.get(0).embeds().get(0).title()).isEqualTo("Question 4 of 9");
    }

    @Test
    @DisplayName("the review's \"Change an answer\" menu: its select custom id and chosen question reach the core as Edit, with the step")
    void changeAnAnswer() {
        View.ReviewView review = new View.ReviewView(8, "product-leadership", java.util.List.of(
                new View.AnsweredQuestion("company-role", "What is your company?", "Acme, CEO"),
                new View.AnsweredQuestion("leader-gone", "Has your Head of Product left?", "No")));
        MessageSpec rendered = new ProspectRenderer(ids).render(review, Fixtures.USER);
        MessageSpec.Select select = rendered.rows().get(0).select();
        assertThat(select.placeholder()).isEqualTo("Change an answer");
        assertThat(select.options()).extracting(MessageSpec.Option::label)
                .containsExactly("1. What is your company?", "2. Has your Head of Product left?");
        assertThat(select.options()).extracting(MessageSpec.Option::value).containsExactly("company-role", "leader-gone");
        when(service.handle(eq(Fixtures.PROSPECT), any(), eq(8L))).thenReturn(Fixtures.signal(9, 12));

        // when the prospect picks the second answer in the menu (Javacord hands the chosen value over as the text)
        interactions.handle(new Interaction(9, Interaction.Kind.BUTTON, Fixtures.USER, "Ada", select.customId(), null,
                "leader-gone", Fixtures.HOME, false), responder);

        assertThat(responder.calls).containsExactly("deferUpdate", "editOriginal");
        verify(service).handle(Fixtures.PROSPECT, new Command.Edit("leader-gone"), 8L);
    }

    @Test
    @DisplayName("a click by someone else gets a gentle ephemeral note and reaches no conversation")
    void foreign() {
        interactions.handle(click(2, 999L, button(Fixtures.USER, 4, "a=yes")), responder);
        assertThat(responder.calls).containsExactly("reply");
        assertThat(responder.replied.get(0).content()).isEqualTo(ProspectFlow.NOT_YOURS);
        assertThat(responder.replied.get(0).ephemeral()).isTrue();
        verifyNoInteractions(service);
    }

    @Test
    @DisplayName("the same interaction delivered twice (gateway replay) is handled once")
    void replay() {
        when(service.handle(eq(Fixtures.PROSPECT), any(), anyLong())).thenReturn(Fixtures.signal(5, 4));
        Interaction i = click(3, Fixtures.USER, button(Fixtures.USER, 4, "a=yes"));
        interactions.handle(i, responder);
        interactions.handle(i, responder);
        verify(service).handle(Fixtures.PROSPECT, new Command.Answer("yes"), 4L);
        assertThat(responder.calls).containsExactly("deferUpdate", "editOriginal");
    }

    @Test
    @DisplayName("a stale or double click is passed with its old step; the core's notice is shown, nothing else changes")
    void stale() {
        View notice = new View.NoticeView(6, "That question was already answered.", Fixtures.signal(6, 5));
        when(service.handle(Fixtures.PROSPECT, new Command.Answer("no"), 2L)).thenReturn(notice);
        interactions.handle(click(4, Fixtures.USER, button(Fixtures.USER, 2, "a=no")), responder);
        assertThat(responder.edited.get(0).content()).isEqualTo("That question was already answered.");
        assertThat(responder.edited.get(0).embeds().get(0).title()).isEqualTo("Question 5 of 9");
    }

    @Test
    @DisplayName("a forged or edited custom id gets the expired note and reaches no conversation")
    void forged() {
        String raw = button(Fixtures.USER, 4, "a=no").replace("a=no", "a=yes");
        interactions.handle(click(5, Fixtures.USER, raw), responder);
        assertThat(responder.replied.get(0).content()).isEqualTo(TriageInteractions.EXPIRED);
        verifyNoInteractions(service);
    }

    @Test
    @DisplayName("/triage with a conversation in progress offers Continue or Start over from the stored state")
    void resume() {
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(Fixtures.snapshot(Phase.ASKING, 7, null)));
        interactions.handle(new Interaction(6, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, "Ada", null, null, null, Fixtures.HOME, false), responder);
        assertThat(responder.calls).containsExactly("deferReply:true", "editOriginal");
        assertThat(responder.edited.get(0).buttons()).extracting(MessageSpec.Button::label).containsExactly("Continue", "Start over");
        verify(service, never()).handle(any(), any());
    }

    @Test
    @DisplayName("an expired interaction token when editing is survived: the state is stored and /triage resumes it")
    void expiredToken() {
        responder.editFailure = new DiscordFailure(404, DiscordFailure.UNKNOWN_WEBHOOK, "unknown webhook");
        when(service.handle(eq(Fixtures.PROSPECT), any(), anyLong())).thenReturn(Fixtures.signal(5, 4));
        interactions.handle(click(7, Fixtures.USER, button(Fixtures.USER, 4, "a=yes")), responder);
        verify(service).handle(Fixtures.PROSPECT, new Command.Answer("yes"), 4L);
        assertThat(responder.calls).containsExactly("deferUpdate", "editOriginal");
    }

    @Test
    @DisplayName("a free-text answer button opens the modal at once; its submit answers with the text")
    void modal() {
        when(service.handle(eq(Fixtures.PROSPECT), any(), anyLong())).thenReturn(Fixtures.text(9, true));
        interactions.handle(click(8, Fixtures.USER, button(Fixtures.USER, 8, "a=yes")), responder);
        interactions.handle(click(9, Fixtures.USER, button(Fixtures.USER, 9, "text")), responder);
        assertThat(responder.calls).endsWith("modal");
        assertThat(responder.modals.get(0).inputs().get(0).maxLength()).isEqualTo(500);
        String modalId = ids.encode(new CustomId(CustomId.MODAL, Long.toString(Fixtures.USER), 9, "answer"));
        interactions.handle(new Interaction(10, Interaction.Kind.MODAL, Fixtures.USER, "Ada", modalId, null, "Acme, CEO", Fixtures.HOME, false), responder);
        verify(service).handle(Fixtures.PROSPECT, new Command.Answer("Acme, CEO"), 9L);
    }

    @Test
    @DisplayName("consultant buttons are refused to members without Manage Server or the consultant role")
    void consultantOnly() {
        String raw = ids.encode(new CustomId(CustomId.CARD, "triage-1", 0, "status=booked"));
        interactions.handle(click(11, 5L, raw), responder);
        assertThat(responder.replied.get(0).content()).isEqualTo(TriageInteractions.CONSULTANTS_ONLY);
        verifyNoInteractions(desk);
        when(desk.setStatus(any(), any(), any())).thenReturn("Lead marked: Booked.");
        interactions.handle(new Interaction(12, Interaction.Kind.BUTTON, 5L, "Consultant", raw, null, null, Fixtures.HOME, true), responder);
        verify(desk).setStatus("triage-1", com.discoverytriage.summary.LeadState.Status.BOOKED, "Consultant");
    }

    @Test
    @DisplayName("Talk to the consultant anyway flags the triage on screen and keeps the outcome on screen")
    void talkAnyway() {
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(Fixtures.snapshot(Phase.DECIDED, 20, Fixtures.alternative())));
        when(service.handle(eq(Fixtures.PROSPECT), any(Command.Show.class))).thenReturn(Fixtures.outcomeView(20, Fixtures.alternative(), null));
        interactions.handle(click(13, Fixtures.USER, button(Fixtures.USER, 20, "talk")), responder);
        verify(desk).talkAnyway(Fixtures.snapshot(Phase.DECIDED, 20, null).triageId());
        assertThat(responder.edited.get(0).content()).isEqualTo(TriageButtons.TALK_NOTE);
    }

    @Test
    @DisplayName("a talk-anyway button left from before a restart flags nothing: the new triage is a new lead")
    void talkAnywayAfterRestart() {
        ConversationSnapshot restarted = Fixtures.snapshot(Phase.ASKING, 23, null);
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(restarted));
        when(service.handle(eq(Fixtures.PROSPECT), any(Command.Show.class))).thenReturn(Fixtures.signal(23, 1));
        interactions.handle(click(14, Fixtures.USER, button(Fixtures.USER, 20, "talk")), responder);
        verifyNoInteractions(desk);
        assertThat(responder.edited.get(0).content()).isEqualTo(TriageButtons.STALE_TALK);
        assertThat(responder.edited.get(0).embeds().get(0).title()).isEqualTo("Question 1 of 9");
    }

    @Test
    @DisplayName("the panel button with a conversation stored offers Continue; Continue shows the stored question")
    void resumeFromPanel() {
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(Fixtures.snapshot(Phase.ASKING, 7, null)));
        String panel = ids.encode(new CustomId(CustomId.PANEL, "start", 0, "start"));
        interactions.handle(click(15, Fixtures.USER, panel), responder);
        assertThat(responder.calls).containsExactly("deferReply:true", "editOriginal");
        MessageSpec offer = responder.edited.get(0);
        String continueId = offer.buttons().get(0).customId();
        when(service.handle(Fixtures.PROSPECT, new Command.Show())).thenReturn(Fixtures.signal(7, 3));
        interactions.handle(click(16, Fixtures.USER, continueId), responder);
        assertThat(responder.edited.get(1).embeds().get(0).title()).isEqualTo("Question 3 of 9");
    }

    @Test
    @DisplayName("after the 15-minute token expired, /triage from another device offers Continue at the stored step")
    void expiredTokenThenResume() {
        responder.editFailure = new DiscordFailure(401, DiscordFailure.INVALID_WEBHOOK_TOKEN, "invalid webhook token");
        when(service.handle(eq(Fixtures.PROSPECT), any(), anyLong())).thenReturn(Fixtures.signal(5, 4));
        interactions.handle(click(17, Fixtures.USER, button(Fixtures.USER, 4, "a=yes")), responder);
        FakeResponder otherDevice = new FakeResponder();
        when(service.find(Fixtures.PROSPECT)).thenReturn(Optional.of(Fixtures.snapshot(Phase.ASKING, 5, null)));
        interactions.handle(new Interaction(18, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, "Ada", null, null, null, Fixtures.HOME, false), otherDevice);
        assertThat(otherDevice.edited.get(0).buttons()).extracting(MessageSpec.Button::label).containsExactly("Continue", "Start over");
        assertThat(ids.decode(otherDevice.edited.get(0).buttons().get(1).customId()).orElseThrow().step()).isEqualTo(5);
        otherDevice.calls.clear();
        when(service.handle(Fixtures.PROSPECT, new Command.Restart(), 5L)).thenReturn(Fixtures.signal(6, 1));
        interactions.handle(click(19, Fixtures.USER, otherDevice.edited.get(0).buttons().get(1).customId()), otherDevice);
        assertThat(otherDevice.edited.get(1).embeds().get(0).title()).isEqualTo("Question 1 of 9");
    }

    @Test
    @DisplayName("a prospect who writes to the bot in a DM gets the same flow there, as normal DM messages")
    void directMessage() {
        when(service.handle(eq(Fixtures.PROSPECT), any(Command.Start.class))).thenReturn(Fixtures.signal(1, 1));
        List<MessageSpec> sent = new ArrayList<>();
        interactions.directMessage(20, Fixtures.USER, "Ada", spec -> {
            sent.add(spec);
            return CompletableFuture.completedFuture(null);
        });
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).ephemeral()).isFalse();
        assertThat(sent.get(0).buttons()).extracting(MessageSpec.Button::label).contains("Yes", "No", "Not sure");
    }

    public static class FakeResponder implements Responder {
        final List<String> calls = new ArrayList<>();
        final List<MessageSpec> edited = new ArrayList<>();
        final List<MessageSpec> replied = new ArrayList<>();
        final List<MessageSpec.Modal> modals = new ArrayList<>();
        final List<MessageSpec> followups = new ArrayList<>();
        final java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        DiscordFailure editFailure;

        @Override
        public CompletableFuture<Void> deferUpdate() {
            calls.add("deferUpdate");
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> deferReply(boolean ephemeral) {
            calls.add("deferReply:" + ephemeral);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> reply(MessageSpec spec) {
            calls.add("reply");
            replied.add(spec);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> modal(MessageSpec.Modal modal) {
            calls.add("modal");
            modals.add(modal);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> editOriginal(MessageSpec spec) {
            calls.add("editOriginal");
            edited.add(spec);
            return editFailure == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(editFailure);
        }

        @Override
        public CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content) {
            calls.add("editOriginalWithFile");
            edited.add(spec);
            files.put(fileName, content);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> followup(MessageSpec spec) {
            calls.add("followup");
            followups.add(spec);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> postInChannel(MessageSpec spec) {
            calls.add("postInChannel");
            return CompletableFuture.completedFuture(null);
        }
    }
}
