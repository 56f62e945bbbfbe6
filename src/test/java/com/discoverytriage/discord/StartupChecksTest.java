package com.discoverytriage.discord;

import com.discoverytriage.discord.card.SummaryChannelCheck;
import com.discoverytriage.discord.interaction.CommandDefinitions;
import com.discoverytriage.discord.interaction.CommandRegistrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.MigratedDatabase;
import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

@DisplayName("Start-up: command registration only when definitions change, and the summary channel check")
class StartupChecksTest {

    private static DiagnosticCatalog catalog(String... ids) {
        List<Diagnostic> diagnostics = java.util.Arrays.stream(ids).map(id -> {
            Diagnostic d = mock(Diagnostic.class);
            when(d.id()).thenReturn(id);
            when(d.title()).thenReturn("Title of " + id);
            return d;
        }).toList();
        return new DiagnosticCatalog(diagnostics, null);
    }

    @Test
    @DisplayName("the /triage diagnostic choices come from the catalog (at most 25), and a changed catalog changes the hash")
    void choicesFromCatalog() {
        CommandDefinitions defs = CommandDefinitions.of(catalog("product-leadership", "technology-leadership"));
        assertThat(defs.diagnostics()).extracting(CommandDefinitions.Choice::value)
                .containsExactly("product-leadership", "technology-leadership");
        assertThat(defs.hash()).isEqualTo(CommandDefinitions.of(catalog("product-leadership", "technology-leadership")).hash());
        assertThat(defs.hash()).isNotEqualTo(CommandDefinitions.of(catalog("product-leadership")).hash());
        String[] many = IntStream.range(0, 30).mapToObj(i -> "d" + i).toArray(String[]::new);
        assertThat(CommandDefinitions.of(catalog(many)).diagnostics()).hasSize(25);
    }

    @Test
    @DisplayName("a restart with the same definitions registers nothing; new definitions or another server register once")
    void registrationOnlyWhenChanged() {
        DataSource ds = MigratedDatabase.fresh();
        CommandRegistrations registrations = new CommandRegistrations(new JdbcTemplate(ds), Clock.systemUTC());
        String hash = CommandDefinitions.of(catalog("a")).hash();
        assertThat(registrations.needed("123", hash)).isTrue();
        registrations.registered("123", hash);
        CommandRegistrations afterRestart = new CommandRegistrations(new JdbcTemplate(ds), Clock.systemUTC());
        assertThat(afterRestart.needed("123", hash)).isFalse();
        assertThat(afterRestart.needed("global", hash)).isTrue();
        String changed = CommandDefinitions.of(catalog("a", "b")).hash();
        assertThat(afterRestart.needed("123", changed)).isTrue();
        afterRestart.registered("123", changed);
        assertThat(afterRestart.needed("123", changed)).isFalse();
    }

    @Test
    @DisplayName("@everyone sees the channel unless a channel overwrite denies it; an overwrite allowing it is caught")
    void everyoneCanView() {
        assertThat(SummaryChannelCheck.everyoneCanView(null, true)).isTrue();
        assertThat(SummaryChannelCheck.everyoneCanView(false, true)).isFalse();
        assertThat(SummaryChannelCheck.everyoneCanView(true, false)).isTrue();
        assertThat(SummaryChannelCheck.everyoneCanView(null, false)).isFalse();
    }

    @Test
    @DisplayName("every failed part of the channel check is its own loud line naming the fix")
    void channelProblems() {
        assertThat(SummaryChannelCheck.problems(0, 1, new SummaryChannelCheck.Facts(false, false, false, false, false, false)))
                .singleElement().asString().contains("triage.discord.summary-channel-id is not set");
        assertThat(SummaryChannelCheck.problems(5, 1, new SummaryChannelCheck.Facts(true, false, false, true, true, false)))
                .anySatisfy(p -> assertThat(p).contains("not in the configured server 1"))
                .anySatisfy(p -> assertThat(p).contains("allow View Channel for the bot"));
        assertThat(SummaryChannelCheck.problems(5, 0, new SummaryChannelCheck.Facts(true, false, true, true, true, false)))
                .as("no guild configured: any server will do").isEmpty();
    }

    /**
     * Documentation: resources/message ("Get Channel Messages": without READ_MESSAGE_HISTORY no messages are
     * returned). The recovery of a card whose post was lost lists the channel, so the permission is checked.
     */
    @Test
    @DisplayName("no Read Message History in the summary channel is a start-up problem naming the fix")
    void readMessageHistoryChecked() {
        assertThat(SummaryChannelCheck.problems(5, 1,
                new SummaryChannelCheck.Facts(true, true, true, true, true, false, false)))
                .singleElement().asString().contains("allow Read Message History for the bot");
    }
}
