package com.discoverytriage.loopback;

import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.permission.PermissionType;
import org.javacord.api.entity.permission.Role;
import org.javacord.api.entity.server.Server;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("Javacord 3.8 logs in to the loopback Discord")
class JavacordLoginLoopbackTest {

    private static final Duration LOGIN = Duration.ofSeconds(20);

    @Test
    @DisplayName("reaches READY with the guild, its channels and roles cached, over TLS to discord.com only")
    void readyWithGuildCached(LoopbackDiscord discord) {
        // given a stand-in serving one guild

        // when the real client logs in
        DiscordApi api = JavacordLoopback.login(discord, JavacordLoopback.builder(discord), LOGIN);

        // then the guild is cached as GUILD_CREATE described it
        LoopbackGuild guild = discord.guild();
        Server server = api.getServerById(guild.id()).orElseThrow();
        assertThat(server.getName()).isEqualTo(guild.name());
        ServerTextChannel summary = server.getTextChannelById(guild.summaryChannelId()).orElseThrow();
        assertThat(summary.getName()).isEqualTo("triage-summaries");
        assertThat(server.getTextChannelById(guild.publicChannelId())).isPresent();
        Role manager = server.getRoleById(guild.managerRoleId()).orElseThrow();
        assertThat(manager.getAllowedPermissions()).contains(PermissionType.MANAGE_SERVER);
        assertThat(summary.canSee(api.getYourself())).isTrue();
        // without GUILD_MEMBERS, GUILD_CREATE lists the bot alone (topics/gateway-events, "Guild Create"): other
        // members are unknown to the cache until an interaction of theirs arrives
        assertThat(api.getCachedUserById(guild.consultant().id())).isEmpty();
        assertThat(api.getCachedUserById(guild.prospect(0).id())).isEmpty();
        assertThat(api.getYourself().getId()).isEqualTo(guild.bot().id());
        // and it went through the tunnel for discord.com and nowhere else
        assertThat(discord.requests("GET", "/oauth2/applications/@me")).hasSize(1);
        assertThat(discord.refusedTunnels()).isEmpty();
        assertThat(discord.framesFromClient(2)).hasSize(1);
        assertThat(discord.gatewayConnectionQueries()).containsExactly("encoding=json&v=10");
    }
}
