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

    @Test
    @DisplayName("a callback stalled 4 s by the stand-in still arrived in time; Javacord's future completes after it")
    void stalledCallback(LoopbackDiscord discord) {
        // given a client answering /triage, and a stand-in that holds the callback's answer for 4 s
        DiscordApi api = login(discord);
        CompletableFuture<Long> answeredAfterMillis = new CompletableFuture<>();
        api.addSlashCommandCreateListener(event -> {
            long start = System.nanoTime();
            event.getSlashCommandInteraction().createImmediateResponder().setContent("Working on it")
                    .setAllowedMentions(new AllowedMentionsBuilder().build()).respond()
                    .whenComplete((ok, failure) -> answeredAfterMillis.complete((System.nanoTime() - start) / 1_000_000));
        });
        discord.scriptFault("POST", "/interactions/{id}/{token}/callback", RestFault.stall(Duration.ofSeconds(4)));

        // when a prospect runs /triage
        LoopbackInteraction triage = discord.dispatchInteraction(discord.slashCommand(discord.guild().prospect(0),
                "triage"));

        // then the callback counts as received in time, while the client waited for the stalled answer
        assertThat(answeredAfterMillis.orTimeout(15, TimeUnit.SECONDS).join()).isGreaterThanOrEqualTo(3_900L);
        assertThat(discord.callbacks(triage)).singleElement().satisfies(c -> assertThat(c.status()).isEqualTo(204));
        assertThat(discord.interactionTimings().slowerThan(LoopbackDiscord.INTERACTION_DEADLINE)).isEmpty();
    }

    @Test
    @DisplayName("a callback later than 3 s is refused with 10062 Unknown interaction, as Discord does")
    void lateCallbackRefused(LoopbackDiscord discord) {
        // given a client that takes 3.2 s before answering (the after-test deadline check is off for this test)
        discord.checkInteractionDeadlineAfterTest(false);
        DiscordApi api = login(discord);
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        api.addSlashCommandCreateListener(event -> {
            sleep(Duration.ofMillis(3200));
            event.getSlashCommandInteraction().createImmediateResponder().setContent("Too late")
                    .setAllowedMentions(new AllowedMentionsBuilder().build()).respond()
                    .whenComplete((ok, failure) -> outcome.complete(failure));
        });

        // when a prospect runs /triage
        discord.dispatchInteraction(discord.slashCommand(discord.guild().prospect(0), "triage"));

        // then the client is told the interaction is unknown, and the timing report shows the miss
        assertThat(outcome.orTimeout(15, TimeUnit.SECONDS).join()).hasMessageContaining("Unknown interaction");
        assertThat(discord.interactionTimings().slowerThan(LoopbackDiscord.INTERACTION_DEADLINE)).hasSize(1);
    }

    @Test
    @DisplayName("50 prospects running /triage at once (half in DMs) are all answered, and the report shows it")
    void burstOfFifty(LoopbackDiscord discord) {
        // given a client answering every /triage, and 50 further prospects
        DiscordApi api = login(discord);
        api.addSlashCommandCreateListener(event -> event.getSlashCommandInteraction().createImmediateResponder()
                .setContent("First question").setFlags(MessageFlag.EPHEMERAL)
                .setAllowedMentions(new AllowedMentionsBuilder().build()).respond());
        java.util.List<LoopbackInteraction> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            LoopbackUser prospect = discord.addUser("burst-" + i);
            burst.add(i % 2 == 0 ? discord.slashCommand(prospect, "triage")
                    : discord.slashCommandInDm(prospect, "triage"));
        }

        // when all are dispatched back to back
        burst.forEach(discord::dispatchInteraction);

        // then every one got its callback (the after-test check fails any later than 3 s)
        burst.forEach(interaction -> discord.awaitCallback(interaction, TIMEOUT));
        InteractionTimings timings = discord.interactionTimings();
        assertThat(timings.answered()).hasSize(50);
        assertThat(timings.unanswered()).isEmpty();
    }

    @Test
    @DisplayName("Javacord queues ALL interaction callbacks in one bucket: a stalled callback delays the next one")
    void callbacksShareOneQueue(LoopbackDiscord discord) {
        // given a client answering every /triage, and a first callback the stand-in holds for 4 s
        discord.checkInteractionDeadlineAfterTest(false);
        DiscordApi api = login(discord);
        api.addSlashCommandCreateListener(event -> event.getSlashCommandInteraction().createImmediateResponder()
                .setContent("First question").setFlags(MessageFlag.EPHEMERAL)
                .setAllowedMentions(new AllowedMentionsBuilder().build()).respond());
        discord.scriptFault("POST", "/interactions/{id}/{token}/callback", RestFault.stall(Duration.ofSeconds(4)));

        // when two prospects run /triage 500 ms apart (the first callback is held by then; recordings appear only
        // once answered, so the test cannot wait for it)
        discord.dispatchInteraction(discord.slashCommand(discord.guild().prospect(0), "triage"));
        sleep(Duration.ofMillis(500));
        LoopbackInteraction second = discord.dispatchInteraction(
                discord.slashCommand(discord.guild().prospect(1), "triage"));

        // then the second callback left Javacord only after the first one's answer: past the 3 s deadline
        discord.awaitCallback(second, TIMEOUT);
        InteractionTimings timings = discord.interactionTimings();
        System.out.println("[loopback] second callback behind a 4 s stall: " + timings.report());
        assertThat(timings.slowerThan(LoopbackDiscord.INTERACTION_DEADLINE))
                .extracting(InteractionTimings.Timing::interactionId).containsExactly(second.id());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
