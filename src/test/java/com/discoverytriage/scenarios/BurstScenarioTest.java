package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.loopback.InteractionTimings;
import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackInteraction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The 3-second rule under load: acknowledge first, do the (slow) database work afterwards. */
@DisplayName("Scenarios: 50 prospects at once, in the guild and in DMs, with the database slowed by 2 s")
class BurstScenarioTest extends ScenarioHarness {

    private static final String ROUTE = "Technology, engineering delivery and technical leadership";

    @Test
    @DisplayName("every /triage and every click of a burst of 50 is acknowledged within 3 s while the database takes 2 s")
    void burstWithSlowDatabase() {
        // given 50 prospects, half in the guild and half in DMs, and a database taking 2 s for every unit of work
        List<Prospect> prospects = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            prospects.add(newProspect("burst-" + i, i % 2 == 1));
        }
        SlowDatabase.slowBy(Duration.ofSeconds(2));

        // when all run /triage at once
        List<LoopbackInteraction> commands = prospects.stream().map(p -> p.triageCommand(null)).toList();
        commands.forEach(DISCORD::dispatchInteraction);

        // then every one is acknowledged in time, and each sees the routing question once the work is done
        for (int i = 0; i < 50; i++) {
            Prospect prospect = prospects.get(i);
            assertThat(prospect.callback(commands.get(i)).json().path("type").asInt()).isEqualTo(5);
        }
        assertWithinDeadline(DISCORD.interactionTimings(), 50);
        for (int i = 0; i < 50; i++) {
            Prospect prospect = prospects.get(i);
            awaitLongEdit(prospect, commands.get(i));
            prospect.messageId = DISCORD.originalMessageId(commands.get(i)).orElseThrow();
            assertThat(prospect.buttons()).contains(ROUTE);
        }

        // when all click the same route at once, the database still slow
        List<LoopbackInteraction> clicks = prospects.stream().map(p -> p.clickInteraction(ROUTE)).toList();
        clicks.forEach(DISCORD::dispatchInteraction);

        // then every click is acknowledged in time (type 6), and the question follows
        for (int i = 0; i < 50; i++) {
            assertThat(prospects.get(i).callback(clicks.get(i)).json().path("type").asInt()).isEqualTo(6);
        }
        assertWithinDeadline(DISCORD.interactionTimings(), 100);
        SlowDatabase.normal();
        for (int i = 0; i < 50; i++) {
            awaitLongEdit(prospects.get(i), clicks.get(i));
            assertThat(prospects.get(i).title()).isEqualTo("Question 1 of " + technologyQuestions());
        }
        System.out.println("[scenarios] burst of 2 x 50 with the database slowed by 2 s: "
                + DISCORD.interactionTimings().report());
    }

    private static void assertWithinDeadline(InteractionTimings timings, int expected) {
        assertThat(timings.answered()).hasSize(expected);
        assertThat(timings.slowerThan(LoopbackDiscord.INTERACTION_DEADLINE)).isEmpty();
    }

    /** The edits wait for the slowed database: up to 50 x a few units of work over the worker threads. */
    private static void awaitLongEdit(Prospect prospect, LoopbackInteraction interaction) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (DISCORD.requests("PATCH", prospect.editPath(interaction)).stream().noneMatch(c -> c.status() == 200)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no edit for " + prospect.user.username());
            }
            Cards.sleep(20);
        }
    }
}
