package com.discoverytriage.discord.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Field;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.discord.render.MessageSpec.Style;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Message specs stay within Discord's limits")
class MessageSpecLimitsTest {

    private static final Random RANDOM = new Random(20240611L);

    @Test
    @DisplayName("random Unicode answers up to 4000 characters never break a limit or split a surrogate pair")
    void randomAnswersFit() {
        for (int round = 0; round < 300; round++) {
            // given a message built from many long random answers
            List<Field> fields = new ArrayList<>();
            int count = RANDOM.nextInt(40);
            for (int i = 0; i < count; i++) {
                fields.add(new Field(randomText(400), DiscordText.escapeAndFit(randomText(4000), 5000), false));
            }
            Embed embed = new Embed(randomText(400), randomText(6000), 0x123456, fields, randomText(3000));
            // when it becomes a message
            MessageSpec spec = MessageSpec.of(randomText(4000), embed, List.of(Row.of(Button.of(Style.PRIMARY, randomText(200), "x"))));
            // then every limit holds
            assertThat(spec.content().length()).isLessThanOrEqualTo(DiscordText.CONTENT);
            Embed e = spec.embeds().get(0);
            assertThat(e.length()).isLessThanOrEqualTo(DiscordText.EMBED_TOTAL);
            assertThat(e.title().length()).isLessThanOrEqualTo(DiscordText.EMBED_TITLE);
            assertThat(e.description().length()).isLessThanOrEqualTo(DiscordText.EMBED_DESCRIPTION);
            assertThat(e.footer().length()).isLessThanOrEqualTo(DiscordText.FOOTER);
            assertThat(e.fields().size()).isLessThanOrEqualTo(DiscordText.EMBED_FIELDS);
            for (Field f : e.fields()) {
                assertThat(f.name().length()).isBetween(1, DiscordText.FIELD_NAME);
                assertThat(f.value().length()).isBetween(1, DiscordText.FIELD_VALUE);
                assertWellFormed(f.value());
                assertWellFormed(f.name());
            }
            assertWellFormed(spec.content());
            assertWellFormed(e.description());
            assertThat(spec.buttons().get(0).label().length()).isLessThanOrEqualTo(DiscordText.LABEL);
        }
    }

    @Test
    @DisplayName("a cut text ends with the marker so the reader sees it was shortened")
    void cutIsVisible() {
        String fitted = DiscordText.fit("a".repeat(3000), DiscordText.FIELD_VALUE);
        assertThat(fitted).hasSize(DiscordText.FIELD_VALUE).endsWith(DiscordText.MARKER);
        assertThat(DiscordText.fit("short", 10)).isEqualTo("short");
    }

    @Test
    @DisplayName("a cut never splits an emoji made of a surrogate pair")
    void surrogatePairsStayWhole() {
        String emoji = "😀".repeat(600); // 1200 code units
        String fitted = DiscordText.fit(emoji, DiscordText.FIELD_VALUE);
        assertWellFormed(fitted);
        assertThat(fitted.length()).isLessThanOrEqualTo(DiscordText.FIELD_VALUE);
    }

    @Test
    @DisplayName("escaping then cutting never leaves a dangling backslash")
    void noDanglingEscape() {
        for (int n = 10; n < 60; n++) {
            String out = DiscordText.escapeAndFit("*".repeat(100), n);
            assertThat(out.length()).isLessThanOrEqualTo(n);
            String body = out.substring(0, out.length() - DiscordText.MARKER.length());
            assertThat(body.length() % 2).isZero();
        }
    }

    @Test
    @DisplayName("a message with more than 25 fields shows 24 and says how many more there are")
    void tooManyFields() {
        List<Field> fields = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            fields.add(new Field("q" + i, "yes", false));
        }
        Embed embed = new Embed("t", "d", null, fields, null);
        assertThat(embed.fields()).hasSize(DiscordText.EMBED_FIELDS);
        assertThat(embed.fields().get(24).value()).isEqualTo("6 more not shown");
    }

    @Test
    @DisplayName("structural limits a renderer could break are refused: six buttons a row, six rows, a 101-character custom id")
    void structuralLimits() {
        Button b = Button.of(Style.PRIMARY, "x", "id");
        assertThatThrownBy(() -> new Row(List.of(b, b, b, b, b, b))).isInstanceOf(IllegalArgumentException.class);
        Row row = Row.of(b);
        assertThatThrownBy(() -> new MessageSpec(null, List.of(), List.of(row, row, row, row, row, row), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Button.of(Style.PRIMARY, "x", "x".repeat(101))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Row.wrap(List.of(b, b, b, b, b, b, b))).hasSize(2);
    }

    @Test
    @DisplayName("a modal keeps its title to 45 and its input label to 45 characters")
    void modalLimits() {
        MessageSpec.Modal modal = new MessageSpec.Modal("m", "A very long modal title that goes on and on and on",
                List.of(new MessageSpec.TextInput("answer", "L".repeat(100), true, true, 9000, "P".repeat(300))));
        assertThat(modal.title().length()).isLessThanOrEqualTo(DiscordText.MODAL_TITLE);
        assertThat(modal.inputs().get(0).label().length()).isLessThanOrEqualTo(DiscordText.INPUT_LABEL);
        assertThat(modal.inputs().get(0).placeholder().length()).isLessThanOrEqualTo(DiscordText.INPUT_PLACEHOLDER);
        assertThat(modal.inputs().get(0).maxLength()).isEqualTo(DiscordText.INPUT_VALUE);
    }

    static String randomText(int maxLength) {
        int length = RANDOM.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int kind = RANDOM.nextInt(5);
            int cp = switch (kind) {
                case 0 -> 0x20 + RANDOM.nextInt(0x5F);            // ASCII, with markdown characters
                case 1 -> 0x1F300 + RANDOM.nextInt(0x300);         // emoji (surrogate pairs)
                case 2 -> 0x4E00 + RANDOM.nextInt(0x5000);         // CJK
                case 3 -> 0x0300 + RANDOM.nextInt(0x70);           // combining marks
                default -> RANDOM.nextBoolean() ? '\n' : 0x00C0 + RANDOM.nextInt(0x100);
            };
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    static void assertWellFormed(String s) {
        if (s == null) {
            return;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                assertThat(i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))).as("split pair at " + i).isTrue();
                i++;
            } else {
                assertThat(Character.isLowSurrogate(c)).as("lone low surrogate at " + i).isFalse();
            }
        }
    }
}
