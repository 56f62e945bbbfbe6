package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.interaction.CommandBodies;
import com.discoverytriage.discord.interaction.CommandDefinitions;
import com.discoverytriage.discord.interaction.CommandRegistrations;
import com.discoverytriage.discord.interaction.CommandSync;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.loopback.JavacordLoopback;
import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackDiscordExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.javacord.api.DiscordApi;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Command registration against the stand-in through the real Javacord client. Documentation:
 * interactions/application-commands ("Registering a Command": global and guild commands are separate sets, so one
 * registered in both shows twice; "Bulk Overwrite Global / Guild Application Commands": the body replaces the whole
 * set, an empty array removes every command; "Application Command Object": {@code contexts} and
 * {@code integration_types}, which replace the deprecated {@code dm_permission}).
 */
@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("Slash commands: registered where configured, once, and again whenever Discord's set differs")
class CommandSyncLoopbackTest {

    private static final ArrayNode BODY = CommandBodies.of(new CommandDefinitions(List.of(
            new CommandDefinitions.Choice("Technology leadership", "technology-leadership"))));

    private static CommandSync sync(DiscordApi api, CommandRegistrations registrations) {
        return new CommandSync(registrations, new JavacordCommands(api));
    }

    private static CommandRegistrations registrations() {
        return new CommandRegistrations(new JdbcTemplate(MigratedDatabase.fresh()), Clock.systemUTC());
    }

    private static List<String> names(JsonNode commands) {
        return java.util.stream.StreamSupport.stream(commands.spliterator(), false)
                .map(c -> c.path("name").asText()).toList();
    }

    @Test
    @DisplayName("moving from global to the guild empties the global set: no command shows twice")
    void globalThenGuild(LoopbackDiscord discord) {
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), Duration.ofSeconds(20));
        CommandRegistrations registrations = registrations();
        long guild = discord.guild().id();

        // given the commands registered globally
        sync(api, registrations).sync(api.getClientId(), 0, BODY);
        assertThat(names(discord.registeredCommands(null))).contains("triage");

        // when the bot is configured for the guild and restarts
        sync(api, registrations).sync(api.getClientId(), guild, BODY);

        // then the guild has them and the global set is empty
        assertThat(names(discord.registeredCommands(guild))).contains("triage", "triage-panel");
        assertThat(discord.registeredCommands(null)).isEmpty();
        // and a further restart writes nothing
        int puts = discord.requests("PUT", "/applications/{app}/commands").size()
                + discord.requests("PUT", "/applications/{app}/guilds/{guild}/commands").size();
        sync(api, registrations).sync(api.getClientId(), guild, BODY);
        assertThat(discord.requests("PUT", "/applications/{app}/commands").size()
                + discord.requests("PUT", "/applications/{app}/guilds/{guild}/commands").size()).isEqualTo(puts);
    }

    @Test
    @DisplayName("a command deleted by hand, a changed description or another application: registered again")
    void registeredAgainWhenDiscordDiffers(LoopbackDiscord discord) {
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), Duration.ofSeconds(20));
        CommandRegistrations registrations = registrations();
        long guild = discord.guild().id();
        sync(api, registrations).sync(api.getClientId(), guild, BODY);
        String guildPut = "/applications/{app}/guilds/{guild}/commands";
        assertThat(discord.requests("PUT", guildPut)).hasSize(1);

        // a command deleted by hand in the developer portal
        discord.deleteCommandByHand(guild, "triage");
        sync(api, registrations).sync(api.getClientId(), guild, BODY);
        assertThat(discord.requests("PUT", guildPut)).hasSize(2);
        assertThat(names(discord.registeredCommands(guild))).contains("triage");

        // a changed description (the old hash covered names and choices only)
        ArrayNode changed = BODY.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) changed.get(0)).put("description", "Check your fit");
        sync(api, registrations).sync(api.getClientId(), guild, changed);
        assertThat(discord.requests("PUT", guildPut)).hasSize(3);

        // the same database with another application (a new bot): its hash differs
        assertThat(CommandSync.hash(api.getClientId() + 1, "1", changed))
                .isNotEqualTo(CommandSync.hash(api.getClientId(), "1", changed));
    }

    @Test
    @DisplayName("every command says where it may be used (contexts, integration_types), not the deprecated dm_permission")
    void contextsAndIntegrationTypes() {
        for (JsonNode command : BODY) {
            assertThat(command.has("dm_permission")).as(command.path("name").asText()).isFalse();
            assertThat(command.path("integration_types")).extracting(JsonNode::asInt).containsExactly(0);
            assertThat(command.path("contexts")).extracting(JsonNode::asInt).contains(0);
        }
        assertThat(BODY.get(0).path("contexts")).extracting(JsonNode::asInt).as("/triage in the bot's DM too")
                .containsExactly(0, 1);
        assertThat(BODY.get(1).path("contexts")).extracting(JsonNode::asInt).as("/triage-panel in servers only")
                .containsExactly(0);
    }
}
