package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Scenarios: prospects and the consultant through the whole application and the real Javacord client")
class ProspectScenariosTest extends ScenarioHarness {

    private final Cards cards = new Cards(DISCORD);

    @Test
    @DisplayName("/triage, every question answered, the booking link shown; the card posted once, then edited")
    void triageToBookingLink() {
        // given a prospect in the guild
        Prospect prospect = newProspect("books-a-call", false);

        // when they run /triage, answer the free-text questions, then yes to everything but the gate
        ObjectNode first = prospect.triage("technology-leadership");
        assertThat(first.path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(prospect.title()).isEqualTo("Question 1 of " + technologyQuestions());
        prospect.answerText("Loopback Ltd, CEO");
        prospect.answerText("about 12 engineers");
        // the card exists before the rest
        cards.awaitText(prospect.user, "In progress: question 3 of " + technologyQuestions());
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

    @Test
    @DisplayName("the review's \"Change an answer\" menu re-opens one answer; the outcome is scored on the changed answers")
    void changeAnAnswerFromTheReview() {
        // given a prospect at the review who said yes to every signal
        Prospect prospect = newProspect("changes-an-answer", false);
        prospect.startTechnologyTriage();
        for (int i = 0; i < 40 && !prospect.title().equals("Your answers"); i++) {
            prospect.click(prospect.atGate() ? "No" : "Yes");
        }
        assertThat(prospect.message().toString()).contains("\"placeholder\":\"Change an answer\"");

        // when they pick the implementation-capacity question in the menu and change it to yes
        prospect.choose("Change an answer", "needs-engineers");
        assertThat(prospect.title()).isEqualTo("Question 5 of " + technologyQuestions());
        prospect.click("Yes");

        // then they are back at the review, and the result follows the changed answer (a gate: hire engineers)
        assertThat(prospect.title()).isEqualTo("Your answers");
        prospect.click("See my result");
        assertThat(prospect.title()).isEqualTo("Our recommendation: Hire engineers");
        cards.awaitText(prospect.user, "Decided: alternative");
        assertThat(cards.posts(prospect.user)).hasSize(1);
    }

    @Test
    @DisplayName("a gate leads to the alternative; \"Talk to the consultant anyway\" is confirmed and flagged on the card")
    void gateAlternativeThenTalkAnyway() {
        // given a prospect in a DM who only wants mentoring (the gate)
        Prospect prospect = newProspect("wants-mentoring", true);
        prospect.startTechnologyTriage();
        // the card exists before the outcome
        cards.awaitText(prospect.user, "In progress: question 4 of " + technologyQuestions());
        prospect.click("Yes");

        // when they see their result and ask to talk anyway
        assertThat(prospect.title()).isEqualTo("Your answers");
        prospect.click("See my result");
        assertThat(prospect.title()).startsWith("Our recommendation: ");
        assertThat(prospect.buttons()).contains("Talk to the consultant anyway").doesNotContain("Book your strategy call");
        prospect.click("Talk to the consultant anyway");

        // then they are told the consultant will see it, and the card says so
        assertThat(prospect.content()).contains("the consultant will see that you would like to talk anyway");
        ObjectNode card = cards.awaitText(prospect.user, "asked to talk to you anyway");
        assertThat(card.toString()).contains("Decided: alternative");
        assertThat(cards.posts(prospect.user)).hasSize(1);
        assertThat(cards.edits(prospect.user)).isNotEmpty();
    }

    @Test
    @DisplayName("a free-text answer goes through a modal and shows on the review and the card")
    void freeTextModal() {
        // given a prospect at the first question, which asks for free text
        Prospect prospect = newProspect("types-an-answer", false);
        prospect.triage("technology-leadership");
        assertThat(prospect.buttons()).contains("Answer");

        // when they click Answer and submit the modal
        prospect.answerText("Widgets & *Co*, CTO");

        // then the modal was a type 9 callback carrying a text input, and the next question is shown
        RecordedCall modal = prospect.callbacks.get(1);
        assertThat(modal.json().path("type").asInt()).isEqualTo(9);
        assertThat(modal.json().path("data").path("components").path(0).path("components").path(0).path("type").asInt())
                .isEqualTo(4);
        assertThat(prospect.title()).isEqualTo("Question 2 of " + technologyQuestions());
        // and the card shows the answer, markdown escaped
        cards.awaitText(prospect.user, "Widgets & \\\\*Co\\\\*, CTO");
        assertThat(cards.posts(prospect.user)).hasSize(1);
    }

    @Test
    @DisplayName("a click on an older view changes nothing; a click by someone else is refused privately")
    void staleAndForeignClicks() {
        // given a prospect who answered the gate question, keeping the view they answered on
        Prospect prospect = newProspect("clicks-twice", false);
        prospect.startTechnologyTriage();
        ObjectNode gateView = prospect.message();
        prospect.click("No");
        String current = prospect.title();

        // when they click "Yes" on the old view
        var stale = DISCORD.dispatchInteraction(DISCORD.buttonClick(prospect.user, gateView,
                Prospect.customId(gateView, "Yes")));
        prospect.callback(stale);
        prospect.awaitEdit(stale);

        // then they are told it was already answered and still see the current question
        assertThat(prospect.title()).isEqualTo(current);
        assertThat(prospect.content()).containsIgnoringCase("already");

        // when someone else clicks a button on the prospect's view
        Prospect other = newProspect("someone-else", false);
        ObjectNode before = prospect.message();
        var foreign = DISCORD.dispatchInteraction(DISCORD.buttonClick(other.user, before, Prospect.customId(before, "Yes")));

        // then only they see a refusal (ephemeral type 4), and the prospect's view is unchanged
        RecordedCall refusal = other.callback(foreign);
        assertThat(refusal.json().path("type").asInt()).isEqualTo(4);
        assertThat(refusal.json().path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(refusal.json().path("data").path("content").asText()).contains("someone else's fit check");
        assertThat(prospect.message().path("embeds")).isEqualTo(before.path("embeds"));
        assertThat(cards.of(other.user)).isEmpty();
    }

    @Test
    @DisplayName("two prospects answering in turn each reach their own outcome and card")
    void twoProspectsInterleaved() {
        // given two prospects, one in the guild and one in a DM, at the same point
        Prospect booker = newProspect("interleaved-book", false);
        Prospect mentee = newProspect("interleaved-gate", true);
        booker.startTechnologyTriage();
        mentee.startTechnologyTriage();

        // when they click in turn
        booker.click("No");
        mentee.click("Yes");
        for (int i = 0; i < 16; i++) {
            booker.click(booker.atGate() ? "No" : "Yes");
        }
        mentee.click("See my result");
        booker.click("See my result");

        // then each has their own outcome and card
        assertThat(booker.link("Book your strategy call")).isPresent();
        assertThat(mentee.title()).startsWith("Our recommendation: ");
        cards.awaitText(booker.user, "Decided: book the call");
        cards.awaitText(mentee.user, "Decided: alternative");
        assertThat(cards.posts(booker.user)).hasSize(1);
        assertThat(cards.posts(mentee.user)).hasSize(1);
    }

    @Test
    @DisplayName("the consultant marks a lead contacted and overrides an alternative: the prospect gets a DM")
    void consultantStatusAndOverride() {
        // given a prospect who got the alternative, and their card
        Prospect prospect = newProspect("overridden", false);
        prospect.startTechnologyTriage();
        prospect.click("Yes");
        prospect.click("See my result");
        ObjectNode card = cards.awaitText(prospect.user, "Override outcome: book");
        long cardId = card.path("id").asLong();

        // when the consultant clicks "Mark contacted"
        var consultant = DISCORD.guild().consultant();
        var contacted = DISCORD.dispatchInteraction(DISCORD.buttonClick(consultant, cardId,
                Prospect.customId(card, "Mark contacted")));

        // then the click is acknowledged, confirmed privately, and the card shows the status
        assertThat(DISCORD.awaitCallback(contacted, Prospect.TIMEOUT).json().path("type").asInt()).isEqualTo(6);
        RecordedCall note = DISCORD.awaitRequest("POST", "/webhooks/" + DISCORD.applicationId() + "/" + contacted.token(),
                Prospect.TIMEOUT);
        assertThat(note.json().path("content").asText()).contains("Contacted");
        assertThat(note.json().path("flags").asInt() & 64).isEqualTo(64);
        cards.awaitText(prospect.user, "Lead: **Contacted**");

        // when the consultant overrides the outcome
        ObjectNode updated = cards.of(prospect.user).orElseThrow();
        var override = DISCORD.dispatchInteraction(DISCORD.buttonClick(consultant, cardId,
                Prospect.customId(updated, "Override outcome: book")));
        DISCORD.awaitCallback(override, Prospect.TIMEOUT);

        // then the prospect is told by DM, and the card shows the override
        long dm = DISCORD.dmChannelOf(prospect.user);
        RecordedCall sent = DISCORD.awaitRequest("POST", "/channels/" + Long.toUnsignedString(dm) + "/messages",
                Prospect.TIMEOUT);
        assertThat(sent.json().path("embeds").path(0).path("title").asText()).isEqualTo("Let's talk");
        // with the prefilled booking link, although the rules had decided an alternative
        var link = sent.json().path("components").path(0).path("components").path(0);
        assertThat(link.path("label").asText()).isEqualTo("Book your strategy call");
        // prefilled with the name Discord shows (global_name "Overridden"), not the handle
        assertThat(link.path("url").asText()).startsWith(SharedLoopback.BOOKING_URL + "?name=Overridden")
                .contains("&ref=");
        cards.awaitText(prospect.user, "Outcome overridden");
        assertThat(cards.posts(prospect.user)).hasSize(1);
        assertThat(cards.edits(prospect.user)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("after the interaction tokens expired, a click still works and /triage offers to continue")
    void resumeAfterTokenExpiry() {
        // given a prospect halfway, whose interaction tokens have all expired (15 minutes later)
        Prospect prospect = newProspect("comes-back-later", false);
        prospect.startTechnologyTriage();
        prospect.click("No");
        String where = prospect.title();
        DISCORD.expireTokensOfInteractionsSoFar();

        // when they run /triage again
        prospect.triage(null);

        // then they are offered to continue, and continuing shows where they were
        assertThat(prospect.title()).isEqualTo("Welcome back");
        prospect.click("Continue");
        assertThat(prospect.title()).isEqualTo(where);
        // and they can finish
        prospect.answerAllThenSeeResult("Yes");
        assertThat(prospect.link("Book your strategy call")).isPresent();
        cards.awaitText(prospect.user, "Decided: book the call");
        assertThat(cards.posts(prospect.user)).hasSize(1); // the card from before the break was edited, not posted again
        assertThat(DISCORD.requests().stream().filter(c -> c.status() == 401)).isEmpty();
    }
}
