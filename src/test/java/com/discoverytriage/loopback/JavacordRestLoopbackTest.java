package com.discoverytriage.loopback;

import com.discoverytriage.loopback.contract.DiscordContract;
import org.javacord.api.DiscordApi;
import org.javacord.api.entity.channel.ServerTextChannel;
import org.javacord.api.entity.message.Message;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.interaction.ApplicationCommand;
import org.javacord.api.interaction.SlashCommand;
import org.javacord.api.interaction.SlashCommandBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("Javacord 3.8 REST calls against the loopback Discord")
class JavacordRestLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static DiscordApi login(LoopbackDiscord discord) {
        return JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
    }

    private static CompletableFuture<Message> send(DiscordApi api, long channelId, String content) {
        ServerTextChannel channel = api.getServerTextChannelById(channelId).orElseThrow();
        return new MessageBuilder().setContent(content)
                .setAllowedMentions(new AllowedMentionsBuilder().build())
                .send(channel);
    }

    @Test
    @DisplayName("a message sent to the summary channel is recorded with its body and stored by the stand-in")
    void sendMessage(LoopbackDiscord discord) throws Exception {
        // given a logged-in client
        DiscordApi api = login(discord);
        long summary = discord.guild().summaryChannelId();

        // when it sends a message
        Message message = send(api, summary, "New triage: strategy call booked").get(10, TimeUnit.SECONDS);

        // then the stand-in saw the body and answered a message Javacord could parse
        RecordedCall call = discord.awaitRequest("POST", "/channels/" + summary + "/messages", TIMEOUT);
        assertThat(call.json().path("content").asText()).isEqualTo("New triage: strategy call booked");
        assertThat(call.json().path("allowed_mentions").path("parse")).isEmpty();
        assertThat(message.getContent()).isEqualTo("New triage: strategy call booked");
        assertThat(discord.messagesIn(summary)).hasSize(1);
    }

    @Test
    @DisplayName("a guild slash command is bulk-overwritten and answered with ids")
    void bulkOverwriteGuildCommand(LoopbackDiscord discord) throws Exception {
        // given a logged-in client
        DiscordApi api = login(discord);

        // when it overwrites the guild's commands with /triage
        Set<SlashCommandBuilder> commands = Set.of(SlashCommand.with("triage", "Check whether a strategy call fits"));
        Set<ApplicationCommand> registered = api.bulkOverwriteServerApplicationCommands(discord.guild().id(), commands)
                .get(10, TimeUnit.SECONDS);

        // then the PUT carried the command and Javacord parsed the answer
        RecordedCall call = discord.awaitRequest("PUT",
                "/applications/" + discord.applicationId() + "/guilds/" + discord.guild().id() + "/commands",
                TIMEOUT);
        assertThat(call.json().get(0).path("name").asText()).isEqualTo("triage");
        assertThat(registered).singleElement().satisfies(c -> assertThat(c.getName()).isEqualTo("triage"));
    }

    @Test
    @DisplayName("a 429 with retry_after is waited out and retried by Javacord")
    void rateLimitedThenRetried(LoopbackDiscord discord) throws Exception {
        // given a logged-in client and a channel route answering 429 (retry after 400 ms) once
        DiscordApi api = login(discord);
        long channel = discord.guild().publicChannelId();
        discord.scriptFault("POST", "/channels/{id}/messages", RestFault.rateLimited(Duration.ofMillis(400)));

        // when a message is sent
        Message message = send(api, channel, "hello after a rate limit").get(10, TimeUnit.SECONDS);

        // then Javacord waited and sent it again
        List<RecordedCall> calls = discord.requests("POST", "/channels/{id}/messages");
        assertThat(calls).extracting(RecordedCall::status).containsExactly(429, 200);
        assertThat(Duration.ofNanos(calls.get(1).receivedNanos() - calls.get(0).receivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(350));
        assertThat(message.getContent()).isEqualTo("hello after a rate limit");
    }

    @Test
    @DisplayName("a global 429 is waited out and retried by Javacord")
    void globalRateLimitThenRetried(LoopbackDiscord discord) throws Exception {
        // given a logged-in client and a global 429 on the next message
        DiscordApi api = login(discord);
        discord.scriptFault("POST", "/channels/*/messages", RestFault.globalRateLimited(Duration.ofMillis(300)));

        // when a message is sent
        send(api, discord.guild().publicChannelId(), "hello").get(10, TimeUnit.SECONDS);

        // then it went through on the second try
        assertThat(discord.requests("POST", "/channels/*/messages")).extracting(RecordedCall::status)
                .containsExactly(429, 200);
    }

    @Test
    @DisplayName("a 500 is NOT retried by Javacord: the caller gets the failure (the application must retry)")
    void serverErrorIsNotRetried(LoopbackDiscord discord) {
        // given a logged-in client and one 500 on the next message
        DiscordApi api = login(discord);
        discord.scriptFault("POST", "/channels/*/messages", RestFault.serverError());

        // when a message is sent / then the future fails and only one request was made
        assertThatThrownBy(() -> send(api, discord.guild().publicChannelId(), "hello").get(10, TimeUnit.SECONDS))
                .hasMessageContaining("500");
        assertThat(discord.requests("POST", "/channels/*/messages")).extracting(RecordedCall::status)
                .containsExactly(500);
    }

    @Test
    @DisplayName("a 403 / 50007 on a DM reaches the caller as Discord's error")
    void cannotMessageUser(LoopbackDiscord discord) throws Exception {
        // given a logged-in client whose DM to a prospect will be refused
        DiscordApi api = login(discord);
        LoopbackUser prospect = discord.guild().prospect(0);
        discord.scriptFault("POST", "/channels/" + discord.dmChannelOf(prospect) + "/messages",
                RestFault.cannotSendMessagesToUser());

        // when it opens the DM and writes to it
        var user = api.getUserById(prospect.id()).get(10, TimeUnit.SECONDS);
        var dm = user.openPrivateChannel().get(10, TimeUnit.SECONDS);
        var attempt = new MessageBuilder().setContent("Your triage result")
                .setAllowedMentions(new AllowedMentionsBuilder().build()).send(dm);

        // then the DM channel was created and the write failed with Discord's message
        assertThat(dm.getId()).isEqualTo(discord.dmChannelOf(prospect));
        assertThatThrownBy(() -> attempt.get(10, TimeUnit.SECONDS))
                .hasMessageContaining("Cannot send messages to this user");
        assertThat(discord.requests("POST", "/users/@me/channels")).hasSize(1);
    }

    @Test
    @DisplayName("a recorded body that breaks Discord's limits is reported by the contract check of the recordings")
    void contractViolationIsCaught(LoopbackDiscord discord) throws Exception {
        // given the contract file, a logged-in client, and the after-test check off (this test breaks it on purpose)
        DiscordContract contract = DiscordContract.loadOrSkip();
        discord.checkContractAfterTest(false);
        DiscordApi api = login(discord);

        // when it sends a button whose custom_id is 101 characters, without allowed_mentions
        new MessageBuilder().setContent("Pick one")
                .addComponents(ActionRow.of(Button.primary("x".repeat(101), "Yes")))
                .send(api.getServerTextChannelById(discord.guild().publicChannelId()).orElseThrow())
                .get(10, TimeUnit.SECONDS);

        // then both problems are reported for that request
        assertThat(contract.violations(discord))
                .anySatisfy(v -> assertThat(v).startsWith("POST /channels/").contains("custom_id"))
                .anySatisfy(v -> assertThat(v).contains("allowed_mentions.parse must be present and empty"));
    }
}
