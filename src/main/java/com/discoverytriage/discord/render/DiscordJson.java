package com.discoverytriage.discord.render;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The REST body shape of a {@link MessageSpec}: {@code content}, {@code embeds}, {@code components},
 * {@code allowed_mentions} (always parsing nothing) and {@code flags}. Used to check what the adapter builds
 * against Discord's published schemas, and as the reference for the Javacord translation.
 */
public final class DiscordJson {

    public static final int EPHEMERAL = 1 << 6;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DiscordJson() {
    }

    public static ObjectNode message(MessageSpec spec) {
        ObjectNode body = MAPPER.createObjectNode();
        if (spec.content() != null) {
            body.put("content", spec.content());
        }
        ArrayNode embeds = body.putArray("embeds");
        for (MessageSpec.Embed e : spec.embeds()) {
            embeds.add(embed(e));
        }
        ArrayNode rows = body.putArray("components");
        for (MessageSpec.Row row : spec.rows()) {
            ObjectNode r = rows.addObject();
            r.put("type", 1);
            ArrayNode components = r.putArray("components");
            if (row.select() != null) {
                ObjectNode select = components.addObject();
                select.put("type", 3);
                select.put("custom_id", row.select().customId());
                if (row.select().placeholder() != null) {
                    select.put("placeholder", row.select().placeholder());
                }
                select.put("min_values", 1);
                select.put("max_values", 1);
                ArrayNode options = select.putArray("options");
                for (MessageSpec.Option o : row.select().options()) {
                    ObjectNode option = options.addObject().put("label", o.label()).put("value", o.value());
                    if (o.description() != null) {
                        option.put("description", o.description());
                    }
                }
            }
            for (MessageSpec.Button b : row.buttons()) {
                ObjectNode button = components.addObject();
                button.put("type", 2);
                button.put("style", b.style().id());
                button.put("label", b.label());
                if (b.url() != null) {
                    button.put("url", b.url());
                } else {
                    button.put("custom_id", b.customId());
                }
                if (b.disabled()) {
                    button.put("disabled", true);
                }
            }
        }
        body.putObject("allowed_mentions").putArray("parse");
        if (spec.ephemeral()) {
            body.put("flags", EPHEMERAL);
        }
        return body;
    }

    static ObjectNode embed(MessageSpec.Embed e) {
        ObjectNode embed = MAPPER.createObjectNode();
        if (e.title() != null) {
            embed.put("title", e.title());
        }
        if (e.description() != null) {
            embed.put("description", e.description());
        }
        if (e.color() != null) {
            embed.put("color", e.color());
        }
        if (!e.fields().isEmpty()) {
            ArrayNode fields = embed.putArray("fields");
            for (MessageSpec.Field f : e.fields()) {
                fields.addObject().put("name", f.name()).put("value", f.value()).put("inline", f.inline());
            }
        }
        if (e.footer() != null) {
            embed.putObject("footer").put("text", e.footer());
        }
        return embed;
    }

    public static ObjectNode modal(MessageSpec.Modal modal) {
        ObjectNode data = MAPPER.createObjectNode();
        data.put("custom_id", modal.customId());
        data.put("title", modal.title());
        ArrayNode rows = data.putArray("components");
        for (MessageSpec.TextInput input : modal.inputs()) {
            ObjectNode t = rows.addObject().put("type", 1).putArray("components").addObject();
            t.put("type", 4);
            t.put("custom_id", input.customId());
            t.put("style", input.paragraph() ? 2 : 1);
            t.put("label", input.label());
            t.put("required", input.required());
            t.put("max_length", input.maxLength());
            if (input.placeholder() != null) {
                t.put("placeholder", input.placeholder());
            }
        }
        return data;
    }

    /** An interaction callback: type 4 (message), 5 (deferred), 6 (deferred update), 7 (update) or 9 (modal). */
    public static ObjectNode callback(int type, ObjectNode data) {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("type", type);
        if (data != null) {
            body.set("data", data);
        }
        return body;
    }
}
