package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.loopback.LoopbackInteraction;
import com.discoverytriage.loopback.LoopbackUser;
import com.discoverytriage.loopback.RecordedCall;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.loopback.RestFault;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Where the real Discord differs from what the adapter first assumed (issue 10): each scenario follows one documented
 * rule of Discord, named in the test, through the whole application and the real Javacord client.
 */
@DisplayName("Scenarios: Discord's documented behaviour that the adapter must follow")
class DiscordTruthScenariosTest extends ScenarioHarness {

    private final Cards cards = new Cards(DISCORD);

    @Autowired
    ConversationService conversations;


    private long step(LoopbackUser user) {
        return conversations.find(new ProspectId("discord:" + user.idAsString())).map(ConversationSnapshot::step)
                .orElseThrow();
    }

    /**
     * Documentation: interactions/receiving-and-responding ("Interaction Object": {@code channel} is a partial
     * channel, sent with every interaction) and topics/threads (a bot learns of a private thread only when added to
     * it). Javacord 3.8 asserts that the channel is cached and drops the interaction otherwise.
     */
    @Test
    @DisplayName("/triage from a private thread the bot has never seen is acknowledged and answered")
    void interactionFromUnseenThread() {
        // given a prospect in a private thread the bot was never told about
        Prospect prospect = newProspect("in-a-private-thread", false);
        long thread = DISCORD.unseenPrivateThread();

        // when they run /triage there
        LoopbackInteraction command = DISCORD.slashCommandIn(thread, prospect.user, "triage",
                com.discoverytriage.loopback.LoopbackDiscord.stringOption("diagnostic", "technology-leadership"));
        DISCORD.dispatchInteraction(command);

        // then it is deferred and the first question is shown
        RecordedCall callback = prospect.callback(command);
        assertThat(callback.json().path("type").asInt()).isEqualTo(5);
        prospect.awaitEdit(command);
        prospect.messageId = DISCORD.originalMessageId(command).orElseThrow();
        assertThat(prospect.title()).isEqualTo("Question 1 of " + technologyQuestions());

        // and a click on that message, in the same unseen thread, works too
        prospect.answerText("Thread Ltd, CEO");
        assertThat(prospect.title()).isEqualTo("Question 2 of " + technologyQuestions());
    }

    /**
     * Documentation: resources/user ("Usernames and Nicknames": the display name is the nickname in a server, else
     * {@code global_name}, else the username). Javacord 3.8 does not read {@code global_name}.
     */
    @Test
    @DisplayName("the card names the prospect by the global display name, not the handle")
    void cardShowsGlobalName() {
        // given a prospect whose handle differs from their display name, and one with a server nickname
        LoopbackUser ada = DISCORD.addUser("ada_l", "Ada Lovelace", null);
        LoopbackUser grace = DISCORD.addUser("gh_1906", "Grace Hopper", "Amazing Grace");

        // when both start a triage in the server
        new Prospect(DISCORD, ada, false).triage("technology-leadership");
        new Prospect(DISCORD, grace, false).triage("technology-leadership");

        // then the cards show the name Discord's client shows
        assertThat(Cards.text(cards.awaitText(ada, "Fit check: "))).contains("Fit check: Ada Lovelace")
                .doesNotContain("ada_l");
        assertThat(Cards.text(cards.awaitText(grace, "Fit check: "))).contains("Fit check: Amazing Grace");
    }

    /**
     * Documentation: interactions/receiving-and-responding ("Responding to an Interaction": the initial response
     * must come within 3 seconds; later the token is unknown, 10062). After a RESUME, Discord replays clicks that are
     * already too old to acknowledge; the prospect saw "This interaction failed", so the click must change nothing.
     */
    @Test
    @DisplayName("a click that could not be acknowledged (10062) changes nothing; the next click works")
    void unacknowledgedClickChangesNothing() {
        // given a prospect at question 4, and Discord refusing the next callback as too late
        Prospect prospect = newProspect("late-click", false);
        prospect.startTechnologyTriage();
        long before = step(prospect.user);
        DISCORD.checkInteractionDeadlineAfterTest(false); // the refused callback is this test's subject
        DISCORD.scriptFault("POST", "/interactions/{id}/{token}/callback",
                RestFault.error(404, 10062, "Unknown interaction"));
        // question 4 may be a gate, where "Yes" ends the questions; "No" keeps the triage going either way
        String answer = prospect.atGate() ? "No" : "Yes";

        // when they answer and the acknowledgement is refused
        LoopbackInteraction late = DISCORD.dispatchInteraction(prospect.clickInteraction(answer));
        DISCORD.awaitCallback(late, Prospect.TIMEOUT);
        Cards.sleep(700);

        // then the answer was not applied, and the message still shows the same question
        assertThat(step(prospect.user)).isEqualTo(before);
        String title = prospect.title();
        assertThat(title).isEqualTo("Question 4 of " + technologyQuestions());
        // and clicking again moves on by exactly one question
        prospect.click(answer);
        assertThat(step(prospect.user)).isEqualTo(before + 1);
        assertThat(prospect.title()).isEqualTo("Question 5 of " + technologyQuestions());
    }

    /**
     * Documentation: resources/message ("Get Channel Message" needs READ_MESSAGE_HISTORY; "Edit Message": the author
     * may edit their own message). A card edit needs no fetch first, so cards keep updating without that permission.
     */
    @Test
    @DisplayName("without Read Message History in the summary channel, the card is still edited")
    void cardEditedWithoutReadMessageHistory() {
        // given the bot denied Read Message History in the summary channel
        long summary = DISCORD.guild().summaryChannelId();
        long allowed = com.discoverytriage.loopback.LoopbackGuild.VIEW_CHANNEL
                | com.discoverytriage.loopback.LoopbackGuild.SEND_MESSAGES
                | com.discoverytriage.loopback.LoopbackGuild.EMBED_LINKS;
        DISCORD.setBotOverwrite(summary, allowed, com.discoverytriage.loopback.LoopbackGuild.READ_MESSAGE_HISTORY);
        try {
            // when a prospect answers the first four questions (the card is posted, then edited); "No" passes a
            // gate, so the triage goes on whether question 4 is a gate or a signal
            Prospect prospect = newProspect("history-denied", false);
            prospect.startTechnologyTriage();
            prospect.click("No");
            assertThat(prospect.title()).isEqualTo("Question 5 of " + technologyQuestions());

            // then the card shows the latest step, edited in place
            cards.awaitText(prospect.user, "In progress: question 5 of " + technologyQuestions());
            assertThat(cards.posts(prospect.user)).hasSize(1);
            assertThat(cards.edits(prospect.user)).isNotEmpty();
        } finally {
            DISCORD.resetBotOverwrite(summary);
        }
    }

    /**
     * A DM to the bot starts or resumes the flow (the content is never read). Writing again a moment later must not
     * repeat "Continue / Start over" under every message.
     */
    @Test
    @DisplayName("a second DM within minutes gets no second Continue / Start over offer")
    void dmOfferNotRepeated() {
        // given a prospect with a triage in progress, who writes to the bot
        Prospect prospect = newProspect("writes-twice", false);
        prospect.triage("technology-leadership");
        String dm = "/channels/" + Long.toUnsignedString(DISCORD.dmChannelOf(prospect.user)) + "/messages";
        DISCORD.dispatchDirectMessage(prospect.user, "hello");
        RecordedCall offer = DISCORD.awaitRequest("POST", dm, Prospect.TIMEOUT);
        assertThat(offer.json().path("embeds").path(0).path("title").asText()).isEqualTo("Welcome back");

        // when they write again straight away
        DISCORD.dispatchDirectMessage(prospect.user, "are you there?");
        Cards.sleep(1500);

        // then no second offer was sent
        assertThat(DISCORD.requests("POST", dm)).hasSize(1);
    }
}
