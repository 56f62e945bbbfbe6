package com.discoverytriage.loopback.contract;

import com.discoverytriage.loopback.GatewayFrame;
import com.discoverytriage.loopback.Payloads;
import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The Discord API contract checker")
class DiscordContractTest {

    private DiscordContract contract;

    @BeforeEach
    void loadContract() {
        contract = DiscordContract.loadOrSkip();
    }

    private static RecordedCall post(String path, ObjectNode body) {
        return new RecordedCall("POST", path, "", Map.of(), body.toString(), 200, System.nanoTime());
    }

    private static ObjectNode messageWithButton(String customId) {
        ObjectNode body = Payloads.object().put("content", "Is a strategy call the right next step?");
        body.putObject("allowed_mentions").putArray("parse");
        ObjectNode row = body.putArray("components").addObject().put("type", 1);
        row.putArray("components").addObject().put("type", 2).put("style", 1).put("label", "Yes")
                .put("custom_id", customId);
        return body;
    }

    private static ObjectNode messageWithEmbedField(String value) {
        ObjectNode body = Payloads.object().put("content", "");
        body.putObject("allowed_mentions").putArray("parse");
        ObjectNode embed = body.putArray("embeds").addObject().put("title", "Triage summary");
        embed.putArray("fields").addObject().put("name", "Answers").put("value", value).put("inline", false);
        return body;
    }

    @Test
    @DisplayName("accepts a valid message with a button and mentions disabled")
    void validBodyPasses() {
        // given a message body within Discord's limits
        RecordedCall call = post("/channels/1234/messages", messageWithButton("triage:q1:yes"));

        // when it is checked / then nothing is reported
        assertThat(contract.violations(call)).isEmpty();
    }

    @Test
    @DisplayName("catches a custom_id of 101 characters")
    void customIdTooLong() {
        // given a button whose custom_id is one character over Discord's 100
        RecordedCall call = post("/channels/1234/messages", messageWithButton("x".repeat(101)));

        // when it is checked / then the schema violation is reported
        assertThat(contract.violations(call)).isNotEmpty()
                .anySatisfy(v -> assertThat(v).contains("custom_id"));
    }

    @Test
    @DisplayName("catches an embed field value of 1025 characters, also inside an interaction callback")
    void embedFieldTooLong() {
        // given an embed field value one character over Discord's 1024, sent as a channel message and as a
        // callback of type 4
        ObjectNode message = messageWithEmbedField("v".repeat(1025));
        ObjectNode callback = Payloads.object().put("type", 4);
        callback.set("data", message);

        // when both are checked / then both are refused
        assertThat(contract.violations(post("/channels/1234/messages", message)))
                .anySatisfy(v -> assertThat(v).contains("value"));
        assertThat(contract.violations(post("/interactions/99/tok/callback", callback))).isNotEmpty();
        // and the same field at 1024 characters passes
        assertThat(contract.violations(post("/channels/1234/messages", messageWithEmbedField("v".repeat(1024)))))
                .isEmpty();
    }

    @Test
    @DisplayName("requires allowed_mentions.parse to be present and empty on message writes")
    void allowedMentionsMustBeEmpty() {
        // given a message that lets Discord parse user mentions, and one that says nothing about mentions
        ObjectNode parsesUsers = messageWithButton("ok");
        parsesUsers.putObject("allowed_mentions").putArray("parse").add("users");
        ObjectNode silentAboutMentions = Payloads.object().put("content", "hello");

        // when they are checked / then both are reported
        assertThat(contract.violations(post("/channels/1234/messages", parsesUsers)))
                .anySatisfy(v -> assertThat(v).contains("allowed_mentions"));
        assertThat(contract.violations(post("/webhooks/1/tok", silentAboutMentions)))
                .anySatisfy(v -> assertThat(v).contains("allowed_mentions"));
    }

    @Test
    @DisplayName("refuses an IDENTIFY that asks for a privileged intent")
    void privilegedIntents() {
        // given IDENTIFY frames with GUILDS only and with GUILDS plus MESSAGE_CONTENT
        GatewayFrame guildsOnly = identify(1);
        GatewayFrame messageContent = identify(1 | (1 << 15));

        // when they are checked / then only the privileged one is reported
        assertThat(DiscordContract.identifyViolations(guildsOnly)).isEmpty();
        assertThat(DiscordContract.identifyViolations(messageContent)).hasSize(1);
    }

    private static GatewayFrame identify(long intents) {
        ObjectNode frame = Payloads.object().put("op", 2);
        frame.putObject("d").put("token", "Bot x").put("intents", intents);
        return new GatewayFrame(GatewayFrame.Direction.FROM_CLIENT, 1, frame, System.nanoTime());
    }

    @Test
    @DisplayName("matches the literal @original route before the {message_id} one")
    void literalRouteWins() {
        assertThat(contract.findOperation("PATCH", "/webhooks/1/tok/messages/@original"))
                .hasValueSatisfying(o -> assertThat(o.template()).endsWith("/messages/@original"));
        assertThat(contract.findOperation("PUT", "/applications/1/guilds/2/commands")).isPresent();
        assertThat(List.of(contract.findOperation("GET", "/gateway"))).allMatch(java.util.Optional::isEmpty);
    }
}
