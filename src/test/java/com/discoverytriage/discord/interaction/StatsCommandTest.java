package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordSchemas;
import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.stats.StatsFixture;
import com.discoverytriage.stats.StatsPeriod;
import com.discoverytriage.stats.StatsText;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("/triage-stats: the consultant's private figures, embed and chart")
class StatsCommandTest {

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();
    private final TriageInteractionsTest.FakeResponder responder = new TriageInteractionsTest.FakeResponder();
    private long nextId = 1;

    private Interaction stats(boolean consultant, boolean inGuild, String period, String diagnostic) {
        return new Interaction(nextId++, Interaction.Kind.STATS_COMMAND, 42, "Someone", null, diagnostic, null,
                inGuild ? Fixtures.HOME : 0L, consultant, period == null ? Map.of() : Map.of(StatsCommand.PERIOD_OPTION, period));
    }

    private TriageInteractions interactions(TriageStatistics statistics, DiagnosticCatalog catalog) {
        CustomIds ids = CustomIds.derivedFrom("test-secret");
        return InteractionWiring.of(mock(ConversationService.class), ids, mock(ConsultantDesk.class),
                Runnable::run, Fixtures.POLICY).stats(statistics, catalog, clock).build();
    }

    @Test
    @DisplayName("the consultant gets the seeded figures privately: an embed within Discord's limits and the chart")
    void consultantSeesFiguresAndChart() {
        StatsFixture.runner(directory, clock).run(c -> {
            StatsFixture.seed(c, clock);
            TriageStatistics statistics = c.getBean(TriageStatistics.class);
            TriageInteractions interactions = interactions(statistics, StatsFixture.catalog());

            interactions.handle(stats(true, true, "30", "tiny"), responder);

            // acknowledged privately first, then the original response edited with the embed and the PNG
            assertThat(responder.calls).containsExactly("deferReply:true", "editOriginalWithFile");
            MessageSpec shown = responder.edited.get(0);
            assertThat(shown.ephemeral()).isTrue();
            assertThat(DiscordSchemas.violations("MessageCreateRequest", DiscordJson.message(shown))).isEmpty();
            // 30 days up to and including 03-12: H (03-03) counts too, so the seeded tiny week plus one finished
            TriageStats expected = statistics.compute(StatsPeriod.days(LocalDate.of(2025, 2, 11),
                    LocalDate.of(2025, 3, 13), "tiny"));
            assertThat(expected.started()).isEqualTo(8);
            MessageSpec.Embed embed = shown.embeds().get(0);
            assertThat(embed.description()).isEqualTo("2025-02-11 to 2025-03-12, tiny");
            assertThat(embed.fields()).extracting(MessageSpec.Field::value).contains(
                    "8 started, 5 finished, 2 abandoned, 1 in progress", StatsText.conversion(expected),
                    StatsText.timeToFinish(expected));
            assertThat(embed.fields()).anySatisfy(f -> assertThat(f.value())
                    // with H: s1 reached by A C D E I H, s2 by A C D E H; not sure s2 1 of 4, s1 1 of 5
                    .contains("Q3 s1: 1 of 6 left", "Q4 s2: 1 of 5 left", "Q4 s2: not sure 25%",
                            "Q3 s1: not sure 20%"));
            assertThat(embed.length()).isLessThanOrEqualTo(6000);
            byte[] png = responder.files.get(StatsMessages.CHART_FILE);
            assertThat(png).isNotNull().startsWith(0x89, 'P', 'N', 'G');
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image.getWidth()).isEqualTo(1000);
        });
    }

    @Test
    @DisplayName("not a consultant, in a DM, a bad period or an unknown diagnostic: a private note, nothing computed")
    void refusals() {
        TriageStatistics statistics = mock(TriageStatistics.class);
        TriageInteractions interactions = interactions(statistics, StatsFixture.catalog());

        interactions.handle(stats(false, true, null, null), responder);
        interactions.handle(stats(true, false, null, null), responder);
        interactions.handle(stats(true, true, "0", null), responder);
        interactions.handle(stats(true, true, "week", null), responder);
        interactions.handle(stats(true, true, "7", "nope"), responder);

        assertThat(responder.calls).containsOnly("reply");
        assertThat(responder.replied).extracting(MessageSpec::content).containsExactly(
                StatsCommand.CONSULTANT_ONLY, StatsCommand.CONSULTANT_ONLY, StatsCommand.BAD_PERIOD,
                StatsCommand.BAD_PERIOD, StatsCommand.UNKNOWN_DIAGNOSTIC);
        assertThat(responder.replied).allMatch(MessageSpec::ephemeral);
        org.mockito.Mockito.verifyNoInteractions(statistics);
    }
}
