package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.interaction.TriageInteractionsTest.FakeResponder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.stats.TriageStatistics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("One handler per interaction kind, collected from a list; two claims of one kind stop start-up")
class InteractionHandlersTest {

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ConversationService conversations = mock(ConversationService.class);

    private TriageInteractions everything() {
        return InteractionWiring.of(conversations, ids, mock(ConsultantDesk.class), Runnable::run, Fixtures.POLICY)
                .dataRights(mock(ForgetService.class), mock(TriageExport.class), Clock.systemUTC(), 1024)
                .stats(mock(TriageStatistics.class), mock(DiagnosticCatalog.class), Clock.systemUTC())
                .build();
    }

    @Test
    void givenTheAdaptersHandlers_whenCollected_thenEveryCommandAndEveryCustomIdFamilyHasExactlyOne() {
        Set<InteractionHandler.Claim> expected = Stream.concat(
                Stream.of(Interaction.Kind.values())
                        .filter(k -> k != Interaction.Kind.BUTTON && k != Interaction.Kind.MODAL)
                        .map(InteractionHandler.Claim::command),
                Stream.of(CustomId.TRIAGE, CustomId.MODAL, CustomId.PANEL, CustomId.CARD, CustomId.FORGET)
                        .map(InteractionHandler.Claim::customId))
                .collect(Collectors.toSet());

        assertThat(everything().claims()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void givenTheApplicationsWiring_whenTheContextStarts_thenEveryKindHasItsHandlerBean() {
        applicationWiring().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(InteractionHandler.class)).hasSize(10);
            assertThat(context.getBean(TriageInteractions.class).claims())
                    .containsExactlyInAnyOrderElementsOf(everything().claims());
        });
    }

    @Test
    void givenASecondBeanClaimingTriage_whenTheContextStarts_thenStartUpFailsNamingTheClaim() {
        applicationWiring()
                .withBean("anotherTriage", InteractionHandler.class, () -> new InteractionHandler() {
                    @Override
                    public Claim claim() {
                        return Claim.command(Interaction.Kind.TRIAGE_COMMAND);
                    }

                    @Override
                    public void handle(InteractionContext context) {
                    }
                })
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessageContaining("two interaction handlers claim the command TRIAGE_COMMAND"));
    }

    private org.springframework.boot.test.context.runner.ApplicationContextRunner applicationWiring() {
        return new org.springframework.boot.test.context.runner.ApplicationContextRunner()
                .withUserConfiguration(InteractionConfiguration.class)
                .withBean(ConversationService.class, () -> conversations)
                .withBean(CustomIds.class, () -> ids)
                .withBean(ConsultantDesk.class, () -> mock(ConsultantDesk.class))
                .withBean(ForgetService.class, () -> mock(ForgetService.class))
                .withBean(TriageExport.class, () -> mock(TriageExport.class))
                .withBean(TriageStatistics.class, () -> mock(TriageStatistics.class))
                .withBean(DiagnosticCatalog.class, () -> mock(DiagnosticCatalog.class))
                .withBean(org.springframework.jdbc.core.JdbcTemplate.class,
                        () -> mock(org.springframework.jdbc.core.JdbcTemplate.class))
                .withBean(java.util.concurrent.ThreadPoolExecutor.class, () -> mock(java.util.concurrent.ThreadPoolExecutor.class))
                .withBean(LimitProperties.class, () -> new LimitProperties(3, 10))
                .withBean(com.discoverytriage.discord.DiscordProperties.class, () -> new com.discoverytriage.discord.DiscordProperties(
                        true, "token", Fixtures.HOME, List.of(), 0, 0, 1, 1, java.time.Duration.ofSeconds(2),
                        java.time.Duration.ofMinutes(1), java.time.Duration.ofSeconds(5)));
    }

    @Test
    void givenTwoHandlersClaimingOneCommand_whenTheDispatcherIsBuilt_thenStartUpStopsNamingBoth() {
        ProspectFlow flow = new ProspectFlow(conversations, new com.discoverytriage.discord.render.ProspectRenderer(ids), null);
        InteractionHandler another = new InteractionHandler() {
            @Override
            public Claim claim() {
                return Claim.command(Interaction.Kind.TRIAGE_COMMAND);
            }

            @Override
            public void handle(InteractionContext context) {
            }
        };

        assertThatThrownBy(() -> new TriageInteractions(List.of(new TriageCommand(flow), another),
                new InteractionWork(Runnable::run, 10, InteractionReceipts.NONE), Fixtures.POLICY, ids, flow))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two interaction handlers claim the command TRIAGE_COMMAND")
                .hasMessageContaining(TriageCommand.class.getName())
                .hasMessageContaining("exactly one handler");
    }

    @Test
    void givenNoHandlerForACommandOrFamily_whenItArrives_thenItIsAnsweredAsUnavailableOrExpired() {
        // no data-rights handlers wired: /triage-export and the forget confirmation find nobody
        TriageInteractions without = InteractionWiring.of(conversations, ids, mock(ConsultantDesk.class), Runnable::run,
                Fixtures.POLICY).build();
        FakeResponder responder = new FakeResponder();
        List<String> shown = new ArrayList<>();

        without.handle(new Interaction(1, Interaction.Kind.EXPORT_COMMAND, 5L, "C", null, null, null, Fixtures.HOME, true),
                responder);
        without.handle(new Interaction(2, Interaction.Kind.BUTTON, 5L, "C",
                ids.encode(new CustomId(CustomId.FORGET, "5", 0, "keep")), null, null, Fixtures.HOME, true), responder);
        responder.replied.forEach(m -> shown.add(m.content()));

        assertThat(shown).containsExactly(TriageInteractions.UNAVAILABLE, TriageInteractions.EXPIRED);
        assertThat(responder.calls).containsExactly("reply", "reply");
    }
}
