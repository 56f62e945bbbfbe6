package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordSchemas;
import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.discord.interaction.TriageInteractionsTest.FakeResponder;
import com.discoverytriage.export.ExportRow;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("/triage-forget and /triage-export")
class DataRightsTest {

    private static final long CONSULTANT = 555L;
    private static final long OTHER = 999L;

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService conversations = mock(ConversationService.class);
    private final ForgetService forget = mock(ForgetService.class);
    private final TriageExport export = mock(TriageExport.class);

    {
        when(forget.forget(any())).thenReturn(new ForgetService.Result(1, 1));
    }
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-15T12:00:00Z"), ZoneOffset.UTC);
    private final FakeResponder responder = new FakeResponder();
    private long nextId = 1;

    private TriageInteractions interactions(int maxAttachmentBytes) {
        return InteractionWiring.of(conversations, ids, mock(ConsultantDesk.class), Runnable::run, Fixtures.POLICY)
                .dataRights(forget, export, clock, maxAttachmentBytes).build();
    }

    private final TriageInteractions interactions = interactions(DataRights.MAX_ATTACHMENT_BYTES);

    private Interaction command(Interaction.Kind kind, long user, boolean consultant, Map<String, String> options) {
        return new Interaction(nextId++, kind, user, "Someone", null, null, null, Fixtures.HOME, consultant, options);
    }

    private Interaction click(long user, String customId, boolean consultant) {
        return new Interaction(nextId++, Interaction.Kind.BUTTON, user, "Someone", customId, null, null, Fixtures.HOME, consultant);
    }

    private void stored(String triageId) {
        ConversationSnapshot s = Fixtures.snapshot(Phase.ASKING, 4, null);
        when(conversations.find(any())).thenReturn(Optional.of(new ConversationSnapshot(s.prospect(), triageId,
                s.displayName(), s.diagnosticId(), s.diagnosticVersion(), s.phase(), s.questionNumber(),
                s.questionTotal(), s.answers(), s.evaluation(), s.bookingUrl(), s.step(), s.startedAt(),
                s.updatedAt(), s.finishedAt())));
    }

    private MessageSpec lastEdit() {
        return responder.edited.get(responder.edited.size() - 1);
    }

    private String button(MessageSpec spec, String label) {
        return spec.buttons().stream().filter(b -> b.label().equals(label)).findFirst().orElseThrow().customId();
    }

    /** The prospect runs /triage-forget and sees the confirmation; answers it. */
    private MessageSpec confirmation(long user, boolean consultant, Map<String, String> options) {
        interactions.handle(command(Interaction.Kind.FORGET_COMMAND, user, consultant, options), responder);
        return lastEdit();
    }

    @Nested
    @DisplayName("/triage-forget")
    class Forget {

        @Test
        @DisplayName("asks first, privately: what is erased, that it cannot be undone, Erase everything / Keep")
        void confirmationFirst() {
            stored("triage-a");
            MessageSpec shown = confirmation(Fixtures.USER, false, Map.of());
            assertThat(responder.calls).containsExactly("deferReply:true", "editOriginal");
            assertThat(shown.embeds().get(0).description()).isEqualTo(DataRights.CONFIRM_SELF);
            assertThat(shown.buttons()).extracting(MessageSpec.Button::label).containsExactly("Erase everything", "Keep");
            assertThat(DiscordSchemas.violations("MessageCreateRequest", DiscordJson.message(shown))).isEmpty();
            verifyNoInteractions(forget);
        }

        @Test
        @DisplayName("Erase everything erases the prospect's data (discord:<user id>) and says so")
        void erase() {
            stored("triage-a");
            MessageSpec shown = confirmation(Fixtures.USER, false, Map.of());
            when(forget.forget(Fixtures.PROSPECT)).thenAnswer(a -> {
                when(conversations.find(any())).thenReturn(Optional.empty()); // the conversation ended with it
                return new ForgetService.Result(1, 1);
            });
            interactions.handle(click(Fixtures.USER, button(shown, "Erase everything"), false), responder);
            verify(forget).forget(Fixtures.PROSPECT);
            assertThat(lastEdit().content()).isEqualTo(DataRights.DONE_SELF);
            assertThat(lastEdit().buttons()).isEmpty();
        }

        @Test
        @DisplayName("Keep erases nothing")
        void keep() {
            stored("triage-a");
            MessageSpec shown = confirmation(Fixtures.USER, false, Map.of());
            interactions.handle(click(Fixtures.USER, button(shown, "Keep"), false), responder);
            verifyNoInteractions(forget);
            assertThat(lastEdit().content()).isEqualTo(DataRights.KEPT);
        }

        @Test
        @DisplayName("someone else's click on the confirmation is refused privately and erases nothing")
        void foreignClick() {
            stored("triage-a");
            MessageSpec shown = confirmation(Fixtures.USER, false, Map.of());
            responder.calls.clear();
            interactions.handle(click(OTHER, button(shown, "Erase everything"), true), responder);
            assertThat(responder.calls).containsExactly("reply");
            assertThat(responder.replied.get(0).content()).isEqualTo(DataRights.NOT_YOURS);
            assertThat(responder.replied.get(0).ephemeral()).isTrue();
            verifyNoInteractions(forget);
        }

        @Test
        @DisplayName("a double click erases once; the second click is told it was already done")
        void doubleClick() {
            stored("triage-a");
            MessageSpec shown = confirmation(Fixtures.USER, false, Map.of());
            String erase = button(shown, "Erase everything");
            interactions.handle(click(Fixtures.USER, erase, false), responder);
            interactions.handle(click(Fixtures.USER, erase, false), responder);
            verify(forget, times(1)).forget(any());
            assertThat(responder.edited).extracting(MessageSpec::content).contains(DataRights.DONE_SELF);
            assertThat(responder.replied).extracting(MessageSpec::content).containsExactly(DataRights.ALREADY);
        }

        @Test
        @DisplayName("a stale confirmation (a new fit check started since, or erased already before a restart) erases nothing")
        void staleConfirmation() {
            stored("triage-a");
            String erase = button(confirmation(Fixtures.USER, false, Map.of()), "Erase everything");
            // the prospect started over: a new triage the confirmation did not describe
            stored("triage-b");
            interactions.handle(click(Fixtures.USER, erase, false), responder);
            assertThat(lastEdit().content()).isEqualTo(DataRights.STALE);
            // after a restart (fresh memory) the old button is clicked again once all is erased
            when(conversations.find(any())).thenReturn(Optional.empty());
            interactions(DataRights.MAX_ATTACHMENT_BYTES).handle(click(Fixtures.USER, erase, false), responder);
            assertThat(lastEdit().content()).isEqualTo(DataRights.STALE);
            verify(forget, never()).forget(any());
        }

        @Test
        @DisplayName("a forged confirmation id (another user's id typed in) is refused as expired")
        void forged() {
            stored("triage-a");
            String erase = button(confirmation(Fixtures.USER, false, Map.of()), "Erase everything");
            String forged = erase.replace("erase=" + Fixtures.USER, "erase=" + OTHER);
            interactions.handle(click(Fixtures.USER, forged, false), responder);
            assertThat(responder.replied).extracting(MessageSpec::content).containsExactly(TriageInteractions.EXPIRED);
            verifyNoInteractions(forget);
        }

        @Test
        @DisplayName("a consultant erases another user's data after a confirmation naming that user")
        void consultantForOther() {
            stored("triage-a");
            MessageSpec shown = confirmation(CONSULTANT, true, Map.of(DataRights.USER_OPTION, Long.toUnsignedString(Fixtures.USER)));
            assertThat(shown.embeds().get(0).description()).contains("<@" + Fixtures.USER + ">").contains("cannot be undone");
            interactions.handle(click(CONSULTANT, button(shown, "Erase everything"), true), responder);
            verify(forget).forget(Fixtures.PROSPECT);
            assertThat(lastEdit().content()).isEqualTo(DataRights.DONE_OTHER);
        }

        @Test
        @DisplayName("a member without Manage Server or the consultant role cannot erase someone else: refused at once")
        void othersRefused() {
            interactions.handle(command(Interaction.Kind.FORGET_COMMAND, OTHER, false,
                    Map.of(DataRights.USER_OPTION, Long.toUnsignedString(Fixtures.USER))), responder);
            assertThat(responder.calls).containsExactly("reply");
            assertThat(responder.replied.get(0).content()).isEqualTo(DataRights.OTHERS_CONSULTANT_ONLY);
            verifyNoInteractions(forget, conversations);
        }
    }

    @Nested
    @DisplayName("/triage-export")
    class Export {

        private final List<ExportRow> rows = List.of(new ExportRow("t-1", Instant.parse("2025-01-05T10:00:00Z"), null,
                "discord:1", "Zoë", "product-leadership", "book", "book", "decided", null, Map.of("q1", "yes")));

        private Map<String, String> range(String since, String until) {
            Map<String, String> options = new java.util.HashMap<>();
            if (since != null) {
                options.put(DataRights.SINCE_OPTION, since);
            }
            if (until != null) {
                options.put(DataRights.UNTIL_OPTION, until);
            }
            return options;
        }

        private void export(boolean consultant, Map<String, String> options) {
            interactions.handle(command(Interaction.Kind.EXPORT_COMMAND, CONSULTANT, consultant, options), responder);
        }

        @Test
        @DisplayName("attaches the CSV of the range, privately, named triages-<since>-<until>.csv")
        void attachesCsv() {
            when(export.rows(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-02-01T00:00:00Z"))).thenReturn(rows);
            when(export.table(rows)).thenReturn(List.of(List.of("triage_id", "display_name", "company"),
                    List.of("t-1", "Zoë", "=HYPERLINK(\"x\")")));
            export(true, range("2025-01-01", "2025-02-01"));
            assertThat(responder.calls).containsExactly("deferReply:true", "editOriginalWithFile");
            assertThat(responder.files).containsOnlyKeys("triages-2025-01-01-2025-02-01.csv");
            String csv = new String(responder.files.values().iterator().next(), StandardCharsets.UTF_8);
            assertThat(csv).startsWith("\uFEFFtriage_id,display_name,company\r\n")
                    .contains("t-1,Zoë,\"'=HYPERLINK(\"\"x\"\")\"");
            assertThat(lastEdit().content()).startsWith("1 triage started from 2025-01-01 before 2025-02-01");
        }

        @Test
        @DisplayName("without dates: every triage, the file named from the start to today")
        void openRange() {
            when(export.rows(null, null)).thenReturn(rows);
            when(export.table(rows)).thenReturn(List.of(List.of("triage_id"), List.of("t-1")));
            export(true, Map.of());
            assertThat(responder.files).containsOnlyKeys("triages-start-2025-03-15.csv");
        }

        @Test
        @DisplayName("members without Manage Server or the consultant role are refused; nothing is read")
        void consultantOnly() {
            export(false, Map.of());
            assertThat(responder.calls).containsExactly("reply");
            assertThat(responder.replied.get(0).content()).isEqualTo(DataRights.EXPORT_CONSULTANT_ONLY);
            assertThat(responder.replied.get(0).ephemeral()).isTrue();
            verifyNoInteractions(export);
        }

        @Test
        @DisplayName("a bad date or an empty range gets a gentle private note, nothing deferred, nothing read")
        void badDates() {
            List<Map<String, String>> bad = new ArrayList<>(List.of(range("2025-13-01", null), range(null, "31/01/2025"),
                    range("yesterday", null)));
            for (Map<String, String> options : bad) {
                export(true, options);
            }
            export(true, range("2025-02-01", "2025-02-01"));
            assertThat(responder.calls).containsOnly("reply");
            assertThat(responder.replied).extracting(MessageSpec::content).containsExactly(DataRights.BAD_DATE,
                    DataRights.BAD_DATE, DataRights.BAD_DATE, DataRights.BAD_RANGE);
            verifyNoInteractions(export);
        }

        @Test
        @DisplayName("an export over the attachment cap is not attached: the note says so and points to the CLI export")
        void overSize() {
            when(export.rows(any(), any())).thenReturn(rows);
            when(export.table(rows)).thenReturn(List.of(List.of("triage_id"), List.of("x".repeat(200))));
            interactions(100).handle(command(Interaction.Kind.EXPORT_COMMAND, CONSULTANT, true, Map.of()), responder);
            assertThat(responder.calls).containsExactly("deferReply:true", "editOriginal");
            assertThat(responder.files).isEmpty();
            assertThat(lastEdit().content()).contains("more than Discord accepts").contains("export --since");
        }

        @Test
        @DisplayName("no triage in the range: a note, no empty file")
        void nothing() {
            when(export.rows(any(), any())).thenReturn(List.of());
            export(true, Map.of());
            assertThat(responder.files).isEmpty();
            assertThat(lastEdit().content()).isEqualTo(DataRights.NOTHING_TO_EXPORT);
        }
    }
}
