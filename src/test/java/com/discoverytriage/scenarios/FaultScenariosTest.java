package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.discord.gateway.GatewayWatchdog;
import com.discoverytriage.loopback.GatewayFrame;
import com.discoverytriage.loopback.LoopbackInteraction;
import com.discoverytriage.loopback.RecordedCall;
import com.discoverytriage.loopback.RestFault;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Discord misbehaving mid-triage; each scenario ends with the triage completed and its card delivered once. */
@DisplayName("Scenarios: REST and gateway faults mid-triage, each ending with one delivered card")
class FaultScenariosTest extends ScenarioHarness {

    private static final String CALLBACK = "/interactions/{id}/{token}/callback";
    private static final String EDIT = "/webhooks/{app}/{token}/messages/{message}";

    private final Cards cards = new Cards(DISCORD);

    @Autowired
    GatewayWatchdog watchdog;

    private String summaryMessages() {
        return "/channels/" + Long.toUnsignedString(DISCORD.guild().summaryChannelId()) + "/messages";
    }

    /** Answers yes to the remaining questions, sees the result; the booking link and exactly one card follow. */
    private void finishAndExpectOneCard(Prospect prospect) {
        prospect.answerAllThenSeeResult("Yes");
        assertThat(prospect.link("Book your strategy call")).get().asString().startsWith(SharedLoopback.BOOKING_URL);
        cards.awaitText(prospect.user, "Decided: book the call");
        assertThat(cards.posts(prospect.user)).hasSize(1);
    }

    private Prospect pastTheGate(String name) {
        Prospect prospect = newProspect(name, false);
        prospect.startTechnologyTriage();
        prospect.passTheGates();
        return prospect;
    }

    private static long statusCount(List<RecordedCall> calls, int status) {
        return calls.stream().filter(c -> c.status() == status).count();
    }

    @Test
    @DisplayName("429 with retry_after on a callback, a global 429 on an edit and on the card: all waited out")
    void rateLimited() {
        // given a prospect mid-triage, and Discord rate limiting the next callback, edit and card post
        Prospect prospect = pastTheGate("rate-limited");
        DISCORD.scriptFault("POST", CALLBACK, RestFault.rateLimited(Duration.ofMillis(400)));
        DISCORD.scriptFault("PATCH", EDIT, RestFault.globalRateLimited(Duration.ofMillis(300)));
        DISCORD.scriptFault("PATCH", summaryMessages() + "/{id}", RestFault.globalRateLimited(Duration.ofMillis(500)));

        // when the prospect goes on
        prospect.click("Yes");

        // then the retries came after the wait, in time, and the triage completes with one card
        assertThat(statusCount(DISCORD.requests("POST", CALLBACK), 429)).isEqualTo(1);
        assertThat(statusCount(DISCORD.requests("PATCH", EDIT), 429)).isEqualTo(1);
        finishAndExpectOneCard(prospect);
        assertThat(statusCount(DISCORD.requests("PATCH", summaryMessages() + "/{id}"), 429)).isEqualTo(1);
    }

    @Test
    @DisplayName("500 on a callback, an edit and the card post, then success: retried, nothing lost or doubled")
    void serverErrorThenSuccess() {
        // given a prospect who just started, and Discord failing once on each route
        Prospect prospect = newProspect("server-errors", false);
        DISCORD.scriptFault("POST", summaryMessages(), RestFault.serverError());
        prospect.triage("technology-leadership");
        DISCORD.scriptFault("POST", CALLBACK, RestFault.serverError());
        DISCORD.scriptFault("PATCH", EDIT, RestFault.serverError());

        // when the prospect goes on
        prospect.answerText("Loopback Ltd, CEO");
        prospect.answerText("about 12 engineers");
        prospect.click("Skip");
        prospect.click("No");

        // then every failed request was sent again and the triage completes with one card
        assertThat(statusCount(DISCORD.requests("POST", CALLBACK), 500)).isEqualTo(1);
        assertThat(statusCount(DISCORD.requests("PATCH", EDIT), 500)).isEqualTo(1);
        finishAndExpectOneCard(prospect);
        assertThat(statusCount(DISCORD.requests("POST", summaryMessages()), 500)).isEqualTo(1);
    }

    @Test
    @DisplayName("a callback stalled 4 s by Discord does not hold back another prospect's callback")
    void stalledCallback() throws Exception {
        // given two prospects mid-triage, and Discord holding the next callback's answer for 4 s
        Prospect stalled = pastTheGate("stalled");
        Prospect other = pastTheGate("not-stalled");
        DISCORD.scriptFault("POST", CALLBACK, RestFault.stall(Duration.ofSeconds(4)));

        // when the first clicks, and the second clicks half a second later
        LoopbackInteraction first = DISCORD.dispatchInteraction(stalled.clickInteraction("Yes"));
        Thread.sleep(500);
        long before = System.nanoTime();
        other.click("Yes");

        // then the second prospect's callback and edit did not wait for the stalled one
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofMillis(2500));
        stalled.callback(first);
        stalled.awaitEdit(first);
        finishAndExpectOneCard(stalled);
        finishAndExpectOneCard(other);
    }

    @Test
    @DisplayName("an override whose DM is refused (403/50007) is noted on the card, never retried")
    void dmClosed() {
        // given a prospect with the alternative, whose DMs are closed
        Prospect prospect = newProspect("dms-closed", false);
        prospect.startTechnologyTriage();
        prospect.click("Yes");
        prospect.click("See my result");
        ObjectNode card = cards.awaitText(prospect.user, "Override outcome: book");
        DISCORD.scriptFault("POST", "/users/@me/channels", RestFault.cannotSendMessagesToUser());

        // when the consultant overrides the outcome
        LoopbackInteraction override = DISCORD.dispatchInteraction(DISCORD.buttonClick(DISCORD.guild().consultant(),
                card.path("id").asLong(), Prospect.customId(card, "Override outcome: book")));

        // then the consultant is told, the card notes it, and the DM is not tried again
        RecordedCall note = DISCORD.awaitRequest("POST", "/webhooks/" + DISCORD.applicationId() + "/" + override.token(),
                Prospect.TIMEOUT);
        assertThat(note.json().path("content").asText()).contains("DMs are closed");
        cards.awaitText(prospect.user, "DMs are closed");
        assertThat(DISCORD.requests("POST", "/users/@me/channels")).hasSize(1);
        assertThat(cards.posts(prospect.user)).hasSize(1);
    }

    @Test
    @DisplayName("the summary channel refuses the card (403/50013) until fixed; then it is posted once")
    void summaryChannelForbiddenThenFixed() {
        // given the bot lacking permission in the summary channel for the next three attempts
        DISCORD.scriptFault("POST", summaryMessages(), RestFault.missingPermissions(), 3);

        // when a prospect completes a triage
        Prospect prospect = pastTheGate("channel-forbidden");

        // then the card is posted once the channel is fixed
        finishAndExpectOneCard(prospect);
        assertThat(statusCount(DISCORD.requests("POST", summaryMessages()), 403)).isEqualTo(3);
    }

    @Test
    @DisplayName("gateway closed with 4000 mid-triage: RESUME with the last sequence, the missed click replayed")
    void gatewayClosed4000() {
        // given a prospect mid-triage
        Prospect prospect = pastTheGate("gateway-4000");
        int lastSeen = DISCORD.lastSequence();
        long closedAt = System.nanoTime();

        // when the gateway closes with 4000 and the prospect clicks meanwhile
        DISCORD.closeGateway(4000);
        LoopbackInteraction click = DISCORD.dispatchInteraction(prospect.clickInteraction("Yes"));

        // then the client resumes from the last sequence it saw, and the click is answered
        GatewayFrame resume = DISCORD.awaitFrameFromClient(6, closedAt, Prospect.TIMEOUT);
        assertThat(resume.data().path("seq").asInt()).isEqualTo(lastSeen);
        prospect.callback(click);
        prospect.awaitEdit(click);
        finishAndExpectOneCard(prospect);
    }

    @Test
    @DisplayName("op 7 RECONNECT mid-triage: reconnected, resumed, the click sent meanwhile answered")
    void reconnectRequested() {
        Prospect prospect = pastTheGate("gateway-op7");
        long at = System.nanoTime();

        DISCORD.requestReconnect();
        LoopbackInteraction click = DISCORD.dispatchInteraction(prospect.clickInteraction("Yes"));

        DISCORD.awaitFrameFromClient(6, at, Prospect.TIMEOUT);
        prospect.callback(click);
        prospect.awaitEdit(click);
        finishAndExpectOneCard(prospect);
    }

    @Test
    @DisplayName("op 9 invalid session mid-triage: identified again, the triage goes on")
    void invalidSession() {
        Prospect prospect = pastTheGate("gateway-op9");
        long at = System.nanoTime();

        DISCORD.invalidateSession(false);

        DISCORD.awaitFrameFromClient(2, at, Duration.ofSeconds(30));
        DISCORD.awaitFrame(f -> f.nanos() > at && "GUILD_CREATE".equals(f.type()), Duration.ofSeconds(30));
        finishAndExpectOneCard(prospect);
    }

    @Test
    @DisplayName("a silent gateway (no heartbeat ACKs) is noticed by the watchdog; the DM sent meanwhile is replayed")
    void silentGateway() {
        // given a prospect mid-triage
        Prospect prospect = pastTheGate("gateway-silent");
        int reconnectsBefore = watchdog.reconnects();
        long at = System.nanoTime();

        // when the gateway goes silent and the prospect writes to the bot in a DM meanwhile
        DISCORD.silenceGateway();
        DISCORD.dispatchDirectMessage(prospect.user, "hello?");

        // then the watchdog drops the connection, Javacord resumes, and the DM gets its answer
        DISCORD.awaitFrameFromClient(6, at, Duration.ofSeconds(20));
        RecordedCall answer = DISCORD.awaitRequest("POST",
                "/channels/" + Long.toUnsignedString(DISCORD.dmChannelOf(prospect.user)) + "/messages", Prospect.TIMEOUT);
        assertThat(answer.json().path("embeds").path(0).path("title").asText()).isEqualTo("Welcome back");
        assertThat(watchdog.reconnects()).isGreaterThan(reconnectsBefore);
        finishAndExpectOneCard(prospect);
    }

    @Test
    @DisplayName("the same INTERACTION_CREATE delivered twice is answered once and applied once")
    void duplicateDispatch() {
        // given a prospect at the first yes/no signal question
        Prospect prospect = pastTheGate("duplicate");
        String before = prospect.title();

        // when the same click is dispatched twice
        LoopbackInteraction click = prospect.clickInteraction("Yes");
        DISCORD.dispatchInteraction(click);
        DISCORD.dispatchInteraction(click);

        // then one callback, one edit, and the conversation moved on by one question only
        prospect.callback(click);
        prospect.awaitEdit(click);
        Cards.sleep(500);
        assertThat(DISCORD.callbacks(click)).hasSize(1);
        assertThat(DISCORD.requests("PATCH", prospect.editPath(click))).hasSize(1);
        int number = Integer.parseInt(before.replaceAll("\\D+", " ").trim().split(" ")[0]);
        assertThat(prospect.title()).startsWith("Question " + (number + 1) + " of");
        finishAndExpectOneCard(prospect);
    }
}
