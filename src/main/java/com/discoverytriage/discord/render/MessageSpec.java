package com.discoverytriage.discord.render;

import static com.discoverytriage.discord.render.DiscordText.fit;
import static com.discoverytriage.discord.render.DiscordText.nonEmpty;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A message as the adapter means to send it, before any Javacord type: content, embeds, button rows. Every record
 * here keeps itself within Discord's limits (texts are cut visibly, see {@link DiscordText}); structural limits
 * that only a programming error can break (too many rows, a long custom id) throw. Every message is sent with
 * allowed mentions that parse nothing.
 *
 * @param ephemeral only the prospect sees it (interaction responses in a server)
 */
public record MessageSpec(String content, List<Embed> embeds, List<Row> rows, boolean ephemeral) {

    public MessageSpec {
        content = fit(content, DiscordText.CONTENT);
        embeds = fitEmbeds(embeds == null ? List.of() : embeds);
        rows = List.copyOf(rows == null ? List.of() : rows);
        if (rows.size() > DiscordText.ROWS) {
            throw new IllegalArgumentException("at most " + DiscordText.ROWS + " rows of buttons, got " + rows.size());
        }
    }

    public static MessageSpec of(String content, Embed embed, List<Row> rows) {
        return new MessageSpec(content, embed == null ? List.of() : List.of(embed), rows, false);
    }

    public MessageSpec asEphemeral(boolean value) {
        return new MessageSpec(content, embeds, rows, value);
    }

    public MessageSpec withContent(String value) {
        return new MessageSpec(value, embeds, rows, ephemeral);
    }

    /** Every button of every row, in order. */
    public List<Button> buttons() {
        return rows.stream().flatMap(r -> r.buttons().stream()).toList();
    }

    private static List<Embed> fitEmbeds(List<Embed> embeds) {
        if (embeds.size() > DiscordText.EMBEDS_PER_MESSAGE) {
            throw new IllegalArgumentException("at most " + DiscordText.EMBEDS_PER_MESSAGE + " embeds");
        }
        // The 6000 limit holds for all embeds of a message together.
        List<Embed> fitted = new ArrayList<>();
        int budget = DiscordText.EMBED_TOTAL;
        for (Embed embed : embeds) {
            Embed e = embed.fitTo(budget);
            budget -= e.length();
            fitted.add(e);
        }
        return List.copyOf(fitted);
    }

    public enum Style {
        PRIMARY(1), SECONDARY(2), SUCCESS(3), DANGER(4), LINK(5);

        private final int id;

        Style(int id) {
            this.id = id;
        }

        public int id() {
            return id;
        }
    }

    /** A button: a link button has a URL and no custom id; every other button has a custom id and no URL. */
    public record Button(Style style, String label, String customId, String url, boolean disabled) {

        public Button {
            Objects.requireNonNull(style, "style");
            label = fit(nonEmpty(label), DiscordText.LABEL);
            if (style == Style.LINK) {
                if (url == null || customId != null) {
                    throw new IllegalArgumentException("a link button has a URL and no custom id");
                }
                if (url.length() > DiscordText.URL) {
                    throw new IllegalArgumentException("a button URL is at most " + DiscordText.URL + " characters");
                }
            } else {
                if (customId == null || customId.isEmpty() || url != null) {
                    throw new IllegalArgumentException("a button has a custom id and no URL");
                }
                if (customId.length() > DiscordText.CUSTOM_ID) {
                    throw new IllegalArgumentException("a custom id is at most " + DiscordText.CUSTOM_ID + " characters");
                }
            }
        }

        public static Button of(Style style, String label, String customId) {
            return new Button(style, label, customId, null, false);
        }

        public static Button link(String label, String url) {
            return new Button(Style.LINK, label, null, url, false);
        }
    }

    /** One action row: 1 to 5 buttons, or one string select menu (then {@code buttons} is empty). */
    public record Row(List<Button> buttons, Select select) {

        public Row {
            buttons = List.copyOf(buttons);
            if (select != null && !buttons.isEmpty()) {
                throw new IllegalArgumentException("a row holds buttons or one select menu, not both");
            }
            if (select == null && (buttons.isEmpty() || buttons.size() > DiscordText.BUTTONS_PER_ROW)) {
                throw new IllegalArgumentException("a row holds 1 to " + DiscordText.BUTTONS_PER_ROW + " buttons");
            }
        }

        public Row(List<Button> buttons) {
            this(buttons, null);
        }

        public static Row of(Select select) {
            return new Row(List.of(), select);
        }

        public static Row of(Button... buttons) {
            return new Row(List.of(buttons));
        }

        /** Lays buttons out in as many rows as needed, five to a row. */
        public static List<Row> wrap(List<Button> buttons) {
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < buttons.size(); i += DiscordText.BUTTONS_PER_ROW) {
                rows.add(new Row(buttons.subList(i, Math.min(buttons.size(), i + DiscordText.BUTTONS_PER_ROW))));
            }
            return rows;
        }
    }

    /** One choice of a select menu; label, value and description are cut to Discord's 100 characters. */
    public record Option(String label, String value, String description) {

        public Option {
            label = fit(nonEmpty(label), DiscordText.SELECT_OPTION_TEXT);
            if (value == null || value.isEmpty() || value.length() > DiscordText.SELECT_OPTION_TEXT) {
                throw new IllegalArgumentException("an option value is 1 to " + DiscordText.SELECT_OPTION_TEXT + " characters");
            }
            description = description == null || description.isBlank() ? null
                    : fit(description, DiscordText.SELECT_OPTION_TEXT);
        }
    }

    /** A string select menu (one choice): 1 to 25 options. */
    public record Select(String customId, String placeholder, List<Option> options) {

        public Select {
            options = List.copyOf(options);
            if (options.isEmpty() || options.size() > DiscordText.SELECT_OPTIONS) {
                throw new IllegalArgumentException("a select menu holds 1 to " + DiscordText.SELECT_OPTIONS + " options");
            }
            if (customId == null || customId.length() > DiscordText.CUSTOM_ID) {
                throw new IllegalArgumentException("custom_id is at most " + DiscordText.CUSTOM_ID + " characters");
            }
            placeholder = placeholder == null ? null : fit(placeholder, DiscordText.SELECT_PLACEHOLDER);
        }
    }

    public record Field(String name, String value, boolean inline) {

        public Field {
            name = fit(nonEmpty(name), DiscordText.FIELD_NAME);
            value = fit(nonEmpty(value), DiscordText.FIELD_VALUE);
        }

        int length() {
            return name.length() + value.length();
        }
    }

    /**
     * An embed. Title 256, description 4096, at most 25 fields, footer 2048, and 6000 for all its texts together:
     * past that the description, then the last fields are cut, and a note says so.
     */
    public record Embed(String title, String description, Integer color, List<Field> fields, String footer) {

        public Embed {
            title = fit(title, DiscordText.EMBED_TITLE);
            description = fit(description, DiscordText.EMBED_DESCRIPTION);
            footer = fit(footer, DiscordText.FOOTER);
            fields = fields == null ? List.of() : fields;
            if (fields.size() > DiscordText.EMBED_FIELDS) {
                List<Field> kept = new ArrayList<>(fields.subList(0, DiscordText.EMBED_FIELDS - 1));
                kept.add(new Field(DiscordText.MARKER, (fields.size() - kept.size()) + " more not shown", false));
                fields = kept;
            }
            fields = List.copyOf(fields);
            if (color != null && (color < 0 || color > 0xFFFFFF)) {
                throw new IllegalArgumentException("color is 0 to 0xFFFFFF");
            }
        }

        public int length() {
            return len(title) + len(description) + len(footer) + fields.stream().mapToInt(Field::length).sum();
        }

        /** This embed cut down so that its texts together take at most {@code budget} code units. */
        Embed fitTo(int budget) {
            if (length() <= budget) {
                return this;
            }
            String t = title;
            String f = footer;
            if (len(t) + len(f) > budget / 2) {
                t = fit(t, Math.min(len(t), budget / 4));
                f = fit(f, Math.min(len(f), budget / 4));
            }
            int left = budget - len(t) - len(f);
            int fieldsTotal = fields.stream().mapToInt(Field::length).sum();
            String d = fit(description, Math.min(len(description), Math.max(0, left - Math.min(fieldsTotal, left / 2))));
            left -= len(d);
            final int reserve = 24; // room for the "N more not shown" note
            List<Field> kept = new ArrayList<>();
            for (Field field : fields) {
                if (field.length() <= left - reserve) {
                    kept.add(field);
                    left -= field.length();
                    continue;
                }
                int room = left - reserve - field.name().length();
                if (room >= 10) {
                    Field cutField = new Field(field.name(), fit(field.value(), room), field.inline());
                    kept.add(cutField);
                    left -= cutField.length();
                }
                break;
            }
            int missing = fields.size() - kept.size();
            if (missing > 0 && left >= 2 && kept.size() < DiscordText.EMBED_FIELDS) {
                kept.add(new Field(DiscordText.MARKER, fit(missing + " more not shown", left - 1), false));
            }
            return new Embed(t, d, color, kept, f);
        }

        private static int len(String s) {
            return s == null ? 0 : s.length();
        }
    }

    /** A text input of a modal. */
    public record TextInput(String customId, String label, boolean paragraph, boolean required, int maxLength, String placeholder) {

        public TextInput {
            if (customId == null || customId.isEmpty() || customId.length() > DiscordText.CUSTOM_ID) {
                throw new IllegalArgumentException("a text input has a custom id of 1 to 100 characters");
            }
            label = fit(nonEmpty(label), DiscordText.INPUT_LABEL);
            placeholder = fit(placeholder, DiscordText.INPUT_PLACEHOLDER);
            maxLength = Math.max(1, Math.min(maxLength, DiscordText.INPUT_VALUE));
        }
    }

    /** A modal: title 45, 1 to 5 text inputs. */
    public record Modal(String customId, String title, List<TextInput> inputs) {

        public Modal {
            if (customId == null || customId.isEmpty() || customId.length() > DiscordText.CUSTOM_ID) {
                throw new IllegalArgumentException("a modal has a custom id of 1 to 100 characters");
            }
            title = fit(nonEmpty(title), DiscordText.MODAL_TITLE);
            inputs = List.copyOf(inputs);
            if (inputs.isEmpty() || inputs.size() > DiscordText.MODAL_INPUTS) {
                throw new IllegalArgumentException("a modal has 1 to " + DiscordText.MODAL_INPUTS + " text inputs");
            }
        }
    }
}
