package com.discoverytriage.discord.render;

import com.discoverytriage.discord.DiscordSchemas;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.CardRenderer;
import com.discoverytriage.discord.interaction.CustomId;
import com.discoverytriage.discord.interaction.CustomIds;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.View;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.summary.LeadState;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("What the prospect and the consultant see in Discord")
class RenderersTest {

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");
    private final ProspectRenderer prospect = new ProspectRenderer(ids);
    private final CardRenderer card = new CardRenderer(ids);

    @Test
    @DisplayName("a question shows its progress line and Yes / No / Not sure / Back / Start over")
    void question() {
        MessageSpec spec = prospect.render(Fixtures.signal(4, 3), Fixtures.USER);
        assertThat(spec.embeds().get(0).title()).isEqualTo("Question 3 of 9");
        assertThat(spec.buttons()).extracting(Button::label).containsExactly("Yes", "No", "Not sure", "Back", "Start over");
        CustomId yes = ids.decode(spec.buttons().get(0).customId()).orElseThrow();
        assertThat(yes).isEqualTo(new CustomId(CustomId.TRIAGE, Long.toString(Fixtures.USER), 4, "a=yes"));
    }

    @Test
    @DisplayName("a free-text question opens a modal; an optional one can be skipped")
    void freeText() {
        MessageSpec spec = prospect.render(Fixtures.text(9, true), Fixtures.USER);
        assertThat(spec.buttons()).extracting(Button::label).containsExactly("Answer", "Skip", "Back", "Start over");
        MessageSpec.Modal modal = prospect.modal(Fixtures.text(9, true), Fixtures.USER);
        assertThat(modal.title()).isEqualTo("Question 8 of 9");
        assertThat(modal.inputs().get(0).required()).isFalse();
        assertThat(modal.inputs().get(0).maxLength()).isEqualTo(500);
        assertThat(ids.decode(modal.customId()).orElseThrow().step()).isEqualTo(9);
    }

    @Test
    @DisplayName("book: the reasons and a link button to the booking URL")
    void book() {
        MessageSpec spec = prospect.render(Fixtures.outcomeView(20, Fixtures.book(), "https://cal.example/x?name=Ada"), Fixtures.USER);
        assertThat(spec.embeds().get(0).fields().get(0).value()).contains("6 of 9");
        assertThat(spec.buttons().get(0).url()).isEqualTo("https://cal.example/x?name=Ada");
        assertThat(spec.buttons()).extracting(Button::label).contains("Back", "Start over");
    }

    @Test
    @DisplayName("alternative: recommendation, why, what would change it, next step, and talk anyway")
    void alternative() {
        MessageSpec spec = prospect.render(Fixtures.outcomeView(20, Fixtures.alternative(), null), Fixtures.USER);
        MessageSpec.Embed e = spec.embeds().get(0);
        assertThat(e.title()).contains("Focus on product-market fit first");
        assertThat(e.fields()).extracting(MessageSpec.Field::name).containsExactly("Why", "What would change this", "Next step");
        assertThat(spec.buttons()).extracting(Button::label).containsExactly("Talk to the consultant anyway", "Back", "Start over");
    }

    @Test
    @DisplayName("prospect text on the card is escaped: no mention, role ping or masked link survives")
    void mentionsNeutralised() {
        MessageSpec spec = card.render(Fixtures.summary(Fixtures.alternative(), Fixtures.EVIL), LeadState.none("t"));
        String escaped = "\\@everyone \\<\\@&1\\> \\[x\\]\\(https\\://evil\\)";
        MessageSpec.Embed embed = spec.embeds().get(0);
        assertThat(embed.fields().get(embed.fields().size() - 1).value()).isEqualTo(escaped);
        assertThat(embed.title()).endsWith(escaped);
        String everyText = DiscordJson.message(spec).toString().replace("<@" + Fixtures.USER + ">", "");
        assertThat(everyText).doesNotContainPattern("[^\\\\]@").doesNotContainPattern("[^\\\\]\\[x");
        assertThat(DiscordJson.message(spec).get("allowed_mentions").get("parse")).isEmpty();
        // the prospect's own mention is rendered on purpose, inside the embed
        assertThat(spec.embeds().get(0).description()).startsWith("<@" + Fixtures.USER + ">");
    }

    @Test
    @DisplayName("the card shows outcome, rule, flagged unsure answers, status and the override button")
    void cardContent() {
        LeadState lead = new LeadState("t", LeadState.Status.CONTACTED, "consultant", Instant.EPOCH, true, Instant.EPOCH, null, null, null);
        MessageSpec spec = card.render(Fixtures.summary(Fixtures.alternative(), "Acme, CEO"), lead);
        String text = DiscordJson.message(spec).toString();
        assertThat(text).contains("gate pre-product-market-fit").contains("raise on the call").contains("Contacted")
                .contains("Talk anyway").contains("Time taken");
        assertThat(spec.buttons()).extracting(Button::label)
                .containsExactly("Mark contacted", "Booked", "Not a fit", "Override outcome: book");
        assertThat(spec.buttons().get(0).disabled()).isTrue();
    }

    @Test
    @DisplayName("the resume offer: Continue or Start over at the stored step")
    void resume() {
        MessageSpec spec = prospect.resumeOffer(Fixtures.snapshot(Phase.ASKING, 7, null), Fixtures.USER);
        assertThat(spec.embeds().get(0).description()).contains("question 3 of 9");
        assertThat(spec.buttons()).extracting(Button::label).containsExactly("Continue", "Start over");
        assertThat(ids.decode(spec.buttons().get(0).customId()).orElseThrow().step()).isEqualTo(7);
    }

    @Test
    @DisplayName("a book outcome tells the first 30 days, also when no booking URL is set")
    void firstThirtyDays() {
        Outcome withMonth = new Outcome(OutcomeKind.BOOK, "strategy-call", "Book a strategy call", "It fits.", "Pick a time.",
                null, "band 2-3", List.of("Two checks apply."), "Week 1, an intake. Week 4, a plan you can run.");
        for (String url : java.util.Arrays.asList("https://cal.example/x", null)) {
            MessageSpec spec = prospect.render(Fixtures.outcomeView(4, withMonth, url), Fixtures.USER);
            assertThat(spec.embeds().get(0).fields()).as("booking url %s", url)
                    .anySatisfy(f -> {
                        assertThat(f.name()).isEqualTo("Your first 30 days");
                        assertThat(f.value()).contains("Week 1", "Week 4");
                    });
        }
    }

    static Stream<MessageSpec> messages() {
        CustomIds ids = CustomIds.derivedFrom("test-secret");
        ProspectRenderer p = new ProspectRenderer(ids);
        CardRenderer c = new CardRenderer(ids);
        String huge = MessageSpecLimitsTest.randomText(4000) + Fixtures.EVIL;
        return Stream.of(
                p.render(Fixtures.signal(1, 1), Fixtures.USER),
                p.render(Fixtures.routing(0), Fixtures.USER),
                p.render(Fixtures.text(2, true), Fixtures.USER),
                p.render(new View.ReviewView(3, "product-leadership", List.of(new View.AnsweredQuestion("company", "Company?", huge))), Fixtures.USER),
                p.render(Fixtures.outcomeView(4, Fixtures.book(), "https://cal.example/x"), Fixtures.USER),
                p.render(Fixtures.outcomeView(4, Fixtures.alternative(), null), Fixtures.USER),
                p.render(new View.NoticeView(5, "That question has moved on.", Fixtures.signal(5, 2)), Fixtures.USER).asEphemeral(true),
                p.render(new View.EndedView(6, "Cancelled."), Fixtures.USER),
                p.panel(),
                ProspectRenderer.note("Only the prospect can use these buttons."),
                c.render(Fixtures.summary(Fixtures.book(), huge), LeadState.none("t")),
                c.render(Fixtures.summary(null, huge), LeadState.none("t")));
    }

    @ParameterizedTest
    @MethodSource("messages")
    @DisplayName("every message body is valid for Discord's MessageCreateRequest, webhook edits and callbacks")
    void schemas(MessageSpec spec) {
        ObjectNode body = DiscordJson.message(spec);
        assertThat(DiscordSchemas.violations("MessageCreateRequest", body)).isEmpty();
        assertThat(DiscordSchemas.violations("IncomingWebhookUpdateRequestPartial", body)).isEmpty();
        assertThat(DiscordSchemas.violations("CreateMessageInteractionCallbackRequest", DiscordJson.callback(4, body))).isEmpty();
        assertThat(DiscordSchemas.violations("UpdateMessageInteractionCallbackRequest", DiscordJson.callback(7, body))).isEmpty();
        for (MessageSpec.Embed e : spec.embeds()) {
            assertThat(DiscordSchemas.violations("RichEmbed", DiscordJson.embed(e))).isEmpty();
        }
    }

    @Test
    @DisplayName("the modal callback body is valid for Discord's ModalInteractionCallbackRequest")
    void modalSchema() {
        ObjectNode body = DiscordJson.callback(9, DiscordJson.modal(prospect.modal(Fixtures.text(3, false), Fixtures.USER)));
        assertThat(DiscordSchemas.violations("ModalInteractionCallbackRequest", body)).isEmpty();
    }

    @Test
    @DisplayName("the schema check itself catches a 101-character custom id and a 1025-character field value")
    void validatorCatches() {
        ObjectNode body = DiscordJson.message(prospect.render(Fixtures.signal(1, 1), Fixtures.USER));
        ((ObjectNode) body.get("components").get(0).get("components").get(0)).put("custom_id", "x".repeat(101));
        ((ObjectNode) body.get("embeds").get(0)).putArray("fields").addObject().put("name", "n").put("value", "v".repeat(1025));
        assertThat(DiscordSchemas.violations("MessageCreateRequest", body)).isNotEmpty();
    }
}
