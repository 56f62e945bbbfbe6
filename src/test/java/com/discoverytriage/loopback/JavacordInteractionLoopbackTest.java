package com.discoverytriage.loopback;

import org.javacord.api.DiscordApi;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("Javacord 3.8 receives dispatched interactions from the loopback Discord and answers them")
class JavacordInteractionLoopbackTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static DiscordApi login(LoopbackDiscord discord) {
        return JavacordLoopback.login(discord, JavacordLoopback.builder(discord), TIMEOUT);
    }

    @Test
    @DisplayName("a slash command answered immediately and ephemerally is a type 4 callback with flag 64")
    void immediateEphemeralResponse(LoopbackDiscord discord) {
        // given a client that answers /triage ephemerally
        DiscordApi api = login(discord);
        api.addSlashCommandCreateListener(event -> event.getSlashCommandInteraction().createImmediateResponder()
                .setContent("First question: is there a product decision you are stuck on?")
                .setFlags(MessageFlag.EPHEMERAL)
                .setAllowedMentions(new AllowedMentionsBuilder().build())
                .respond());

        // when a prospect runs /triage in the guild
        LoopbackInteraction triage = discord.dispatchInteraction(
                discord.slashCommand(discord.guild().prospect(0), "triage"));

        // then the callback is an ephemeral channel message, in time
        RecordedCall callback = discord.awaitCallback(triage, TIMEOUT);
        assertThat(callback.json().path("type").asInt()).isEqualTo(4);
        assertThat(callback.json().path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(callback.status()).isEqualTo(204);
        assertThat(discord.interactionTimings().slowerThan(LoopbackDiscord.INTERACTION_DEADLINE)).isEmpty();
    }

    @Test
    @DisplayName("respondLater is a type 5 callback, and the later edit of @original is recorded")
    void deferredResponse(LoopbackDiscord discord) {
        // given a client that defers /triage in a DM and then edits the original response
        DiscordApi api = login(discord);
        CompletableFuture<Void> edited = new CompletableFuture<>();
        api.addSlashCommandCreateListener(event -> event.getSlashCommandInteraction().respondLater(true)
                .thenCompose(updater -> updater.setContent("Your answers are saved.")
                        .setAllowedMentions(new AllowedMentionsBuilder().build()).update())
                .whenComplete((message, failure) -> {
                    if (failure != null) {
                        edited.completeExceptionally(failure);
                    } else {
                        edited.complete(null);
                    }
                }));

        // when a prospect runs /triage in the DM
        LoopbackInteraction triage = discord.dispatchInteraction(
                discord.slashCommandInDm(discord.guild().prospect(1), "triage"));

        // then the callback defers, and the edit lands on @original
        RecordedCall callback = discord.awaitCallback(triage, TIMEOUT);
        assertThat(callback.json().path("type").asInt()).isEqualTo(5);
        edited.orTimeout(10, TimeUnit.SECONDS).join();
        RecordedCall edit = discord.awaitRequest("PATCH",
                "/webhooks/" + discord.applicationId() + "/" + triage.token() + "/messages/@original", TIMEOUT);
        assertThat(edit.json().path("content").asText()).isEqualTo("Your answers are saved.");
    }

    @Test
    @DisplayName("a button click and a modal submit are parsed by Javacord and answered (types 7 and 4)")
    void buttonAndModal(LoopbackDiscord discord) throws Exception {
        // given a client that posted a question with a button, updates the message on click and thanks on submit
        DiscordApi api = login(discord);
        var question = new org.javacord.api.entity.message.MessageBuilder()
                .setContent("Do you have a budget owner?")
                .addComponents(ActionRow.of(Button.primary("triage:budget:yes", "Yes")))
                .setAllowedMentions(new AllowedMentionsBuilder().build())
                .send(api.getServerTextChannelById(discord.guild().publicChannelId()).orElseThrow())
                .get(10, TimeUnit.SECONDS);
        CompletableFuture<String> clickedBy = new CompletableFuture<>();
        CompletableFuture<String> submitted = new CompletableFuture<>();
        api.addButtonClickListener(event -> {
            clickedBy.complete(event.getButtonInteraction().getCustomId() + " by "
                    + event.getButtonInteraction().getUser().getId());
            event.getButtonInteraction().createOriginalMessageUpdater().setContent("Noted: yes")
                    .setAllowedMentions(new AllowedMentionsBuilder().build()).update();
        });
        api.addModalSubmitListener(event -> {
            submitted.complete(event.getModalInteraction().getTextInputValueByCustomId("goal").orElse(""));
            event.getModalInteraction().createImmediateResponder().setContent("Thanks")
                    .setAllowedMentions(new AllowedMentionsBuilder().build()).respond();
        });
        LoopbackUser prospect = discord.guild().prospect(0);

        // when the prospect clicks the button, then submits a modal in the DM
        LoopbackInteraction click = discord.dispatchInteraction(
                discord.buttonClick(prospect, question.getId(), "triage:budget:yes"));
        LoopbackInteraction modal = discord.dispatchInteraction(
                discord.modalSubmit(prospect, "triage:goal", Map.of("goal", "Ship the MVP by spring"), true));

        // then Javacord saw both payloads and the callbacks are recorded
        assertThat(clickedBy.get(10, TimeUnit.SECONDS)).isEqualTo("triage:budget:yes by " + prospect.id());
        assertThat(submitted.get(10, TimeUnit.SECONDS)).isEqualTo("Ship the MVP by spring");
        assertThat(discord.awaitCallback(click, TIMEOUT).json().path("type").asInt()).isEqualTo(7);
        assertThat(discord.awaitCallback(modal, TIMEOUT).json().path("type").asInt()).isEqualTo(4);
        assertThat(discord.message(question.getId()).orElseThrow().path("content").asText()).isEqualTo("Noted: yes");
    }
}
