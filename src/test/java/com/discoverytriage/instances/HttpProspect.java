package com.discoverytriage.instances;

import com.discoverytriage.diagnostic.ConversationFiles;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticLoader;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A prospect whose clicks reach the bot as signed HTTP interactions, the way Discord delivers them to an
 * Interactions Endpoint URL. The first answer is the HTTP response; the view then arrives as an edit of
 * {@code @original} at the fake REST side. A click that gets no answer or no edit (its instance died) is clicked
 * again, as a person would: a new interaction with the same button, which the step makes harmless.
 */
final class HttpProspect {

    static final Duration EDIT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The technology diagnostic as every instance here loads it (no {@code triage.conversations-dir}: the set built
     * into the jar). Its gates and signals decide how a prospect who fits answers, so the prospect follows the
     * files when their questions or gates change instead of answering a question set that no longer exists.
     */
    static final Diagnostic TECHNOLOGY = new DiagnosticLoader().load(ConversationFiles.bundled())
            .require("technology-leadership");

    /**
     * Question text to the label a prospect who fits clicks: at a gate question an answer that fires none of its
     * gates (No, where the gates fire on yes), at a signal Yes.
     */
    private static final Map<String, String> FIT_ANSWERS = fitAnswers(TECHNOLOGY);

    final SignedDiscord discord;
    final FakeDiscordApi api;
    final Supplier<String> endpoint;
    final long userId;
    final String name;
    ObjectNode view;
    /** Acknowledgement times (HTTP round trips) of every interaction this prospect sent, in nanoseconds. */
    final List<Long> ackNanos;
    /** Interactions this prospect sent twice (same id, same body), and their tokens. */
    final List<String> duplicatedTokens = new CopyOnWriteArrayList<>();
    int retries;
    /** How long this prospect waits for the view after an acknowledged click before clicking again. */
    Duration editTimeout = EDIT_TIMEOUT;

    HttpProspect(SignedDiscord discord, FakeDiscordApi api, Supplier<String> endpoint, long userId, String name,
            List<Long> ackNanos) {
        this.discord = discord;
        this.api = api;
        this.endpoint = endpoint;
        this.userId = userId;
        this.name = name;
        this.ackNanos = ackNanos;
    }

    /** {@code /triage diagnostic:...}: deferred (type 5), then the first view as an edit. */
    ObjectNode triage(String diagnostic) {
        return act(() -> discord.command(userId, name, "triage", Map.of("diagnostic", diagnostic)), 5, false);
    }

    ObjectNode click(String label) {
        String customId = customId(view, label);
        return act(() -> discord.button(userId, name, customId), 6, false);
    }

    /** Like {@link #click}, but the same interaction is delivered twice (a load balancer's retry). */
    ObjectNode clickDeliveredTwice(String label) {
        String customId = customId(view, label);
        return act(() -> discord.button(userId, name, customId), 6, true);
    }

    /** "Answer" opens a modal (type 9 in the HTTP response); the text is then submitted. */
    ObjectNode answerText(String text) {
        for (int attempt = 1; ; attempt++) {
            JsonNode modal = send(discord.button(userId, name, customId(view, "Answer")), false);
            if (modal != null && modal.path("type").asInt() == 9) {
                String modalId = modal.path("data").path("custom_id").asText();
                String inputId = modal.path("data").path("components").path(0).path("components").path(0)
                        .path("custom_id").asText();
                return act(() -> discord.modalSubmit(userId, name, modalId, inputId, text), 6, false);
            }
            if (attempt >= 5) {
                throw new AssertionError(name + ": \"Answer\" opened no modal: " + modal);
            }
            retries++;
        }
    }

    /**
     * Answers every remaining question the way a prospect who fits does (see conversations/README.md: a gate's yes
     * means other help fits better, signals are what point to the call): at each gate question an answer that fires
     * no gate (No, as every gate fires on yes today), Yes to each signal; then "See my result". Every {@code duplicateEvery}-th answer (0: none) is delivered twice.
     */
    ObjectNode answerAsAFitThenSeeResult(int duplicateEvery) {
        for (int i = 0; i < 40 && !title().equals("Your answers"); i++) {
            String label = fitAnswer();
            if (duplicateEvery > 0 && i % duplicateEvery == 1) {
                clickDeliveredTwice(label);
            } else {
                click(label);
            }
        }
        return click("See my result");
    }

    /** The fit's answer to the question on the view; fails when the view shows no gate or signal question. */
    String fitAnswer() {
        String shown = view.path("embeds").path(0).path("description").asText();
        return FIT_ANSWERS.entrySet().stream().filter(e -> shown.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError(name + ": the view shows no gate or signal "
                        + "question of " + TECHNOLOGY.id() + ": " + view));
    }

    private static Map<String, String> fitAnswers(Diagnostic diagnostic) {
        Map<String, String> answers = new HashMap<>();
        for (Question question : diagnostic.questions()) {
            if (question.kind() == QuestionKind.SIGNAL) {
                answers.put(question.text(), Reply.YES.label());
            } else if (question.kind() == QuestionKind.GATE) {
                Set<Reply> firing = diagnostic.gates().stream().filter(g -> g.question().equals(question.id()))
                        .map(Gate::when).collect(Collectors.toSet());
                Reply passing = Stream.of(Reply.NO, Reply.YES).filter(r -> !firing.contains(r)).findFirst()
                        .orElseThrow(() -> new AssertionError("gate question " + question.id()
                                + " fires on both yes and no: no answer passes it"));
                answers.put(question.text(), passing.label());
            }
        }
        return Map.copyOf(answers);
    }

    /** The technology diagnostic's opening: two free-text answers and the optional third skipped. */
    ObjectNode startTechnologyTriage() {
        triage("technology-leadership");
        answerText("HTTP Ltd, CEO");
        answerText("about 12 engineers");
        return click("Skip");
    }

    String title() {
        return view.path("embeds").path(0).path("title").asText();
    }

    private ObjectNode act(Supplier<ObjectNode> interaction, int expectedType, boolean twice) {
        for (int attempt = 1; attempt <= 6; attempt++) {
            ObjectNode sent = interaction.get();
            String token = sent.path("token").asText();
            JsonNode first = send(sent, twice);
            if (first != null) {
                if (first.path("type").asInt() != expectedType) {
                    throw new AssertionError(name + ": expected callback type " + expectedType + ", got " + first);
                }
                Optional<ObjectNode> edited = awaitOriginal(token);
                if (edited.isPresent()) {
                    view = edited.get();
                    return view;
                }
            }
            retries++;
        }
        throw new AssertionError(name + ": no answer after 6 attempts");
    }

    /** The first answer, or null when the request failed (a dead instance, the balancer's 502). */
    private JsonNode send(ObjectNode interaction, boolean twice) {
        try {
            if (twice) {
                duplicatedTokens.add(interaction.path("token").asText());
                SignedDiscord.Answer[] answers = new SignedDiscord.Answer[2];
                Thread other = new Thread(() -> answers[1] = quietly(interaction));
                other.start();
                answers[0] = discord.send(endpoint.get(), interaction);
                other.join();
                record(answers[1]);
                return record(answers[0]);
            }
            return record(discord.send(endpoint.get(), interaction));
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private SignedDiscord.Answer quietly(ObjectNode interaction) {
        try {
            return discord.send(endpoint.get(), interaction);
        } catch (IOException | InterruptedException e) {
            return null;
        }
    }

    private JsonNode record(SignedDiscord.Answer answer) {
        if (answer == null || answer.status() != 200) {
            return null;
        }
        ackNanos.add(answer.nanos());
        return answer.body();
    }

    private Optional<ObjectNode> awaitOriginal(String token) {
        long deadline = System.nanoTime() + editTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<ObjectNode> edit = api.original(token);
            if (edit.isPresent()) {
                return edit;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
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
}
