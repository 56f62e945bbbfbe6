package com.discoverytriage.scenarios;

import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackInteraction;
import com.discoverytriage.loopback.LoopbackUser;
import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A prospect driving the bot through the stand-in the way Discord's client would: runs {@code /triage}, clicks the
 * buttons of the ephemeral message the bot keeps editing, fills in modals. Every step waits for the interaction's
 * callback and for the edit of {@code @original}, and remembers the callback bodies it saw.
 */
final class Prospect {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final LoopbackDiscord discord;
    final LoopbackUser user;
    final boolean inDm;
    /** The message showing the prospect's current view (the deferred response to /triage). */
    long messageId;
    final List<RecordedCall> callbacks = new ArrayList<>();

    Prospect(LoopbackDiscord discord, LoopbackUser user, boolean inDm) {
        this.discord = discord;
        this.user = user;
        this.inDm = inDm;
    }

    /** {@code /triage [diagnostic]}: deferred ephemerally, then the view; answers the message shown. */
    ObjectNode triage(String diagnostic) {
        LoopbackInteraction command = triageCommand(diagnostic);
        discord.dispatchInteraction(command);
        RecordedCall callback = callback(command);
        if (callback.json().path("type").asInt() != 5) {
            throw new AssertionError("/triage was not deferred: " + callback);
        }
        awaitEdit(command);
        messageId = discord.originalMessageId(command).orElseThrow();
        return message();
    }

    LoopbackInteraction triageCommand(String diagnostic) {
        ObjectNode[] options = diagnostic == null ? new ObjectNode[0]
                : new ObjectNode[] {LoopbackDiscord.stringOption("diagnostic", diagnostic)};
        return inDm ? discord.slashCommandInDm(user, "triage", options) : discord.slashCommand(user, "triage", options);
    }

    /** Clicks the button labelled {@code label} on the current view; answers the view after the edit. */
    ObjectNode click(String label) {
        LoopbackInteraction click = clickInteraction(label);
        discord.dispatchInteraction(click);
        callback(click);
        awaitEdit(click);
        return message();
    }

    /** Picks the option {@code value} of the select menu whose placeholder is {@code placeholder}; answers the view after it. */
    ObjectNode choose(String placeholder, String value) {
        String selectId = null;
        for (JsonNode row : message().path("components")) {
            for (JsonNode component : row.path("components")) {
                if (component.path("type").asInt() == 3 && component.path("placeholder").asText().equals(placeholder)) {
                    selectId = component.path("custom_id").asText();
                }
            }
        }
        if (selectId == null) {
            throw new AssertionError("no select menu \"" + placeholder + "\" on " + message());
        }
        LoopbackInteraction choice = discord.selectChoose(user, message(), selectId, value);
        discord.dispatchInteraction(choice);
        callback(choice);
        awaitEdit(choice);
        return message();
    }

    /** The interaction of a click on {@code label}, not yet dispatched. */
    LoopbackInteraction clickInteraction(String label) {
        return discord.buttonClick(user, messageId, customId(message(), label));
    }

    /** Clicks "Answer" (a modal opens: callback type 9), then submits {@code text}; answers the view after it. */
    ObjectNode answerText(String text) {
        LoopbackInteraction open = clickInteraction("Answer");
        discord.dispatchInteraction(open);
        RecordedCall modal = callback(open);
        if (modal.json().path("type").asInt() != 9) {
            throw new AssertionError("\"Answer\" did not open a modal: " + modal);
        }
        String modalId = modal.json().path("data").path("custom_id").asText();
        String inputId = modal.json().path("data").path("components").path(0).path("components").path(0)
                .path("custom_id").asText();
        LoopbackInteraction submit = discord.modalSubmitOnMessage(user, modalId, Map.of(inputId, text), messageId);
        discord.dispatchInteraction(submit);
        callback(submit);
        awaitEdit(submit);
        return message();
    }

    /** The text of every gate question of the shipped conversation files: a prospect meant to book answers them No. */
    private static final java.util.Set<String> GATE_QUESTIONS = new com.discoverytriage.diagnostic.DiagnosticLoader()
            .load(java.nio.file.Path.of("conversations")).diagnostics().stream()
            .flatMap(d -> d.questions().stream())
            .filter(q -> q.kind() == com.discoverytriage.diagnostic.QuestionKind.GATE)
            .map(com.discoverytriage.diagnostic.Question::text)
            .collect(java.util.stream.Collectors.toSet());

    /** True when the view shows a gate question (a "not a fit" check). */
    boolean atGate() {
        String shown = message().path("embeds").path(0).path("description").asText();
        return GATE_QUESTIONS.stream().anyMatch(shown::startsWith);
    }

    /** Answers No to every gate question in a row from here; answers the view after them. */
    ObjectNode passTheGates() {
        for (int i = 0; i < 20 && atGate(); i++) {
            click("No");
        }
        return message();
    }

    /**
     * Clicks {@code label} until the view is the review of the answers (No on the gate questions, so no gate ends
     * it), then "See my result"; answers the outcome.
     */
    ObjectNode answerAllThenSeeResult(String label) {
        for (int i = 0; i < 40 && !title().equals("Your answers"); i++) {
            click(atGate() ? "No" : label);
        }
        return click("See my result");
    }

    RecordedCall callback(LoopbackInteraction interaction) {
        RecordedCall call = discord.awaitCallback(interaction, TIMEOUT);
        callbacks.add(call);
        return call;
    }

    /** Waits for the first successful edit of {@code @original} (a failed one is retried by the application). */
    RecordedCall awaitEdit(LoopbackInteraction interaction) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            Optional<RecordedCall> done = discord.requests("PATCH", editPath(interaction)).stream()
                    .filter(c -> c.status() == 200).findFirst();
            if (done.isPresent()) {
                return done.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no successful edit of @original for " + interaction + "; seen: "
                        + discord.requests("PATCH", editPath(interaction)));
            }
            Cards.sleep(10);
        }
    }

    String editPath(LoopbackInteraction interaction) {
        return "/webhooks/" + Long.toUnsignedString(discord.applicationId()) + "/" + interaction.token()
                + "/messages/@original";
    }

    ObjectNode message() {
        return discord.message(messageId).orElseThrow();
    }

    String title() {
        return message().path("embeds").path(0).path("title").asText();
    }

    String content() {
        return message().path("content").asText();
    }

    /** Labels of the buttons on the current view. */
    List<String> buttons() {
        List<String> labels = new ArrayList<>();
        for (JsonNode row : message().path("components")) {
            for (JsonNode button : row.path("components")) {
                labels.add(button.path("label").asText());
            }
        }
        return labels;
    }

    /** The link of a link button labelled {@code label}. */
    Optional<String> link(String label) {
        for (JsonNode row : message().path("components")) {
            for (JsonNode button : row.path("components")) {
                if (button.path("label").asText().equals(label) && button.has("url")) {
                    return Optional.of(button.path("url").asText());
                }
            }
        }
        return Optional.empty();
    }

    static String customId(JsonNode message, String label) {
        for (JsonNode row : message.path("components")) {
            for (JsonNode button : row.path("components")) {
                if (button.path("label").asText().equals(label) && button.has("custom_id")) {
                    return button.path("custom_id").asText();
                }
            }
        }
        throw new AssertionError("no button \"" + label + "\" on " + message);
    }

    /** The technology diagnostic's opening: the three free-text questions (the optional third one skipped). */
    ObjectNode startTechnologyTriage() {
        triage("technology-leadership");
        answerText("Loopback Ltd, CEO");
        answerText("about 12 engineers");
        return click("Skip");
    }
}
