package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scenarios: prospects and the consultant through the whole application and the real Javacord client")
class ProspectScenariosTest extends ScenarioTest {

    private final Cards cards = new Cards(DISCORD);

    @Test
    @DisplayName("/triage, every question answered, the booking link shown; the card posted once, then edited")
    void triageToBookingLink() {
        // given a prospect in the guild
        Prospect prospect = newProspect("books-a-call", false);

        // when they run /triage, answer the free-text questions, then yes to everything but the gate
        ObjectNode first = prospect.triage("technology-leadership");
        assertThat(first.path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(prospect.title()).isEqualTo("Question 1 of 14");
        prospect.answerText("Loopback Ltd, CEO");
        prospect.answerText("about 12 engineers");
        prospect.click("Skip");
        prospect.click("No");
        prospect.answerAllThenSeeResult("Yes");

        // then the prospect sees the booking link, prefilled
        assertThat(prospect.link("Book your strategy call")).get().asString().startsWith(SharedLoopback.BOOKING_URL);
        assertThat(prospect.callbacks).extracting(c -> c.json().path("type").asInt()).containsOnly(5, 6, 9);
        // and the consultant's card was posted once and edited up to the decision
        ObjectNode card = cards.awaitText(prospect.user, "Decided: book the call");
        assertThat(card.toString()).contains("Loopback Ltd, CEO");
        assertThat(cards.posts(prospect.user)).hasSize(1);
        assertThat(cards.edits(prospect.user)).isNotEmpty();
    }
}
