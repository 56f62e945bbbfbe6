package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.gateway.DiscordBot;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.discord.interaction.TriageInteractionsTest.FakeResponder;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 1: an administrator of some other server that added the bot must not get the consultant's powers
 * (export every prospect, erase someone), and the bot serves prospects only in its home server, DMs and the
 * allowed servers.
 */
@DisplayName("Consultant powers exist only in the home server; other servers are refused")
class ServerBoundaryTest {

    private static final long FOREIGN = 800000000000000002L;
    private static final long ALLOWED = 900000000000000003L;
    private static final long ADMIN_ELSEWHERE = 4242L;

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService conversations = mock(ConversationService.class);
    private final ForgetService forget = mock(ForgetService.class);
    private final TriageExport export = mock(TriageExport.class);
    private final ConsultantDesk desk = mock(ConsultantDesk.class);
    private final FakeResponder responder = new FakeResponder();
    private final TriageInteractions interactions = InteractionWiring.of(conversations, ids, desk,
            Runnable::run, new ServerPolicy(Fixtures.HOME, Set.of(ALLOWED)))
            .dataRights(forget, export, Clock.systemUTC(), DataRights.MAX_ATTACHMENT_BYTES).build();
    private long nextId = 1;

    /** What Javacord reports for a member with Administrator in the server the interaction came from. */
    private Interaction fromAdmin(Interaction.Kind kind, long guildId, String customId, Map<String, String> options) {
        return new Interaction(nextId++, kind, ADMIN_ELSEWHERE, "Mallory", customId, null, null, guildId, true, options);
    }

    @Test
    void givenAnAdminOfAForeignServer_whenTheyExport_thenNothingIsExportedAndTheyAreToldWhy() {
        interactions.handle(fromAdmin(Interaction.Kind.EXPORT_COMMAND, FOREIGN, null, Map.of()), responder);

        verifyNoInteractions(export);
        assertThat(responder.replied).singleElement().satisfies(m -> {
            assertThat(m.content()).isEqualTo(ServerPolicy.ELSEWHERE);
            assertThat(m.ephemeral()).isTrue();
        });
    }

    @Test
    void givenAnAdminOfAForeignServer_whenTheyForgetSomeoneElse_thenNothingIsErased() {
        interactions.handle(fromAdmin(Interaction.Kind.FORGET_COMMAND, FOREIGN, null,
                Map.of(DataRights.USER_OPTION, Long.toUnsignedString(Fixtures.USER))), responder);

        verifyNoInteractions(forget, conversations);
        assertThat(responder.replied).singleElement().extracting(MessageSpec::content).isEqualTo(ServerPolicy.ELSEWHERE);
    }

    @Test
    void givenAnAdminOfAnAllowedServer_whenTheyUseConsultantPowers_thenEachIsRefused() {
        interactions.handle(fromAdmin(Interaction.Kind.EXPORT_COMMAND, ALLOWED, null, Map.of()), responder);
        interactions.handle(fromAdmin(Interaction.Kind.FORGET_COMMAND, ALLOWED, null,
                Map.of(DataRights.USER_OPTION, Long.toUnsignedString(Fixtures.USER))), responder);
        interactions.handle(fromAdmin(Interaction.Kind.PANEL_COMMAND, ALLOWED, null, Map.of()), responder);
        String card = ids.encode(new CustomId(CustomId.CARD, "triage-1", 0, "status=booked"));
        interactions.handle(fromAdmin(Interaction.Kind.BUTTON, ALLOWED, card, Map.of()), responder);

        verifyNoInteractions(export, forget, desk);
        assertThat(responder.replied).extracting(MessageSpec::content).containsExactly(
                DataRights.EXPORT_CONSULTANT_ONLY, DataRights.OTHERS_CONSULTANT_ONLY,
                TriageInteractions.CONSULTANTS_ONLY, TriageInteractions.CONSULTANTS_ONLY);
    }

    @Test
    void givenAProspectInAForeignServer_whenTheyStartATriage_thenTheyAreToldWhereItRuns() {
        interactions.handle(new Interaction(nextId++, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, "Ada", null, null,
                null, FOREIGN, false), responder);

        verifyNoInteractions(conversations);
        assertThat(responder.replied).singleElement().extracting(MessageSpec::content).isEqualTo(ServerPolicy.ELSEWHERE);
    }

    @Test
    void givenTheHomeServersAdmin_whenTheyExport_thenTheExportRuns() {
        interactions.handle(fromAdmin(Interaction.Kind.EXPORT_COMMAND, Fixtures.HOME, null, Map.of()), responder);

        verify(export).rows(null, null);
    }

    @Test
    void givenAProspectInADmOrAnAllowedServer_whenTheyStart_thenTheFitCheckRuns() {
        when(conversations.find(any())).thenReturn(Optional.empty());
        when(conversations.handle(any(), any())).thenReturn(Fixtures.signal(1, 1));
        interactions.handle(new Interaction(nextId++, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, "Ada", null, null,
                null, 0, false), responder);
        interactions.handle(new Interaction(nextId++, Interaction.Kind.TRIAGE_COMMAND, Fixtures.USER, "Ada", null, null,
                null, ALLOWED, false), responder);

        assertThat(responder.replied).isEmpty();
        assertThat(responder.edited).hasSize(2);
    }

    @Test
    void givenNoHomeServer_thenNobodyIsAConsultant() {
        ServerPolicy none = new ServerPolicy(0, Set.of());
        assertThat(none.trusted(fromAdmin(Interaction.Kind.EXPORT_COMMAND, 0, null, Map.of())).consultant()).isFalse();
        assertThat(none.servesProspects(FOREIGN)).isFalse();
        assertThat(none.servesProspects(0)).isTrue();
    }

    @Test
    @DisplayName("from Discord's payload: Administrator in a foreign server (member.permissions) exports nothing")
    void foreignAdministratorFromTheGatewayPayload() throws Exception {
        // documentation: interactions/receiving-and-responding, "Interaction Object": guild_id, and member with the
        // member's computed permissions; Administrator is 1 << 3
        com.fasterxml.jackson.databind.JsonNode d = new com.fasterxml.jackson.databind.ObjectMapper().readTree("""
                {"id":"1300000000000000001","application_id":"1","type":2,"token":"t","channel_id":"5",
                 "guild_id":"%s","data":{"name":"triage-export"},
                 "member":{"permissions":"8","roles":[],"user":{"id":"4242","username":"mallory"}}}
                """.formatted(Long.toUnsignedString(FOREIGN)));
        Interaction i = InteractionPayloads.read(d, 0).orElseThrow().interaction();
        assertThat(i.guildId()).isEqualTo(FOREIGN);

        interactions.handle(i, responder);

        verifyNoInteractions(export);
        assertThat(responder.replied).singleElement().extracting(MessageSpec::content).isEqualTo(ServerPolicy.ELSEWHERE);
    }

    @Test
    @DisplayName("start-up warns when the application is public (the application object's bot_public flag)")
    void publicApplicationIsWarnedAbout() {
        // Discord documentation, Application resource: bot_public "when false, only the app owner can add the app
        // to guilds"
        assertThat(DiscordBot.reachWarnings(true, Fixtures.HOME)).singleElement().asString().contains("Public Bot");
        assertThat(DiscordBot.reachWarnings(false, Fixtures.HOME)).isEmpty();
        assertThat(DiscordBot.reachWarnings(false, 0)).singleElement().asString().contains("DISCORD_GUILD_ID");
    }
}
