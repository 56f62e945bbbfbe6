package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.MessageSpec;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.javacord.api.entity.message.MessageBuilder;
import org.javacord.api.entity.message.MessageFlag;
import org.javacord.api.entity.message.component.ActionRow;
import org.javacord.api.entity.message.component.Button;
import org.javacord.api.entity.message.component.ButtonStyle;
import org.javacord.api.entity.message.component.HighLevelComponent;
import org.javacord.api.entity.message.component.LowLevelComponent;
import org.javacord.api.entity.message.component.TextInputBuilder;
import org.javacord.api.entity.message.component.TextInputStyle;
import org.javacord.api.entity.message.embed.EmbedBuilder;
import org.javacord.api.entity.message.mention.AllowedMentions;
import org.javacord.api.entity.message.mention.AllowedMentionsBuilder;
import org.javacord.api.exception.DiscordException;
import org.javacord.api.interaction.callback.InteractionMessageBuilderBase;

/** Translates {@link MessageSpec}s into Javacord builders, and Javacord's failures into {@link DiscordFailure}s. */
final class JavacordSpecs {

    private JavacordSpecs() {
    }

    /** Allowed mentions that parse nothing: no text can ping anyone. */
    static AllowedMentions noMentions() {
        return new AllowedMentionsBuilder()
                .setMentionEveryoneAndHere(false)
                .setMentionRoles(false)
                .setMentionUsers(false)
                .setMentionRepliedUser(false)
                .build();
    }

    static <T extends InteractionMessageBuilderBase<T>> T apply(MessageSpec spec, T builder) {
        builder.setContent(spec.content() == null ? "" : spec.content());
        builder.removeAllEmbeds();
        builder.addEmbeds(embeds(spec));
        builder.removeAllComponents();
        builder.addComponents(rows(spec).toArray(new HighLevelComponent[0]));
        builder.setAllowedMentions(noMentions());
        if (spec.ephemeral()) {
            builder.setFlags(MessageFlag.EPHEMERAL);
        }
        return builder;
    }

    static MessageBuilder message(MessageSpec spec) {
        MessageBuilder builder = new MessageBuilder();
        if (spec.content() != null) {
            builder.setContent(spec.content());
        }
        builder.addEmbeds(embeds(spec));
        builder.addComponents(rows(spec).toArray(new HighLevelComponent[0]));
        builder.setAllowedMentions(noMentions());
        return builder;
    }

    static List<EmbedBuilder> embeds(MessageSpec spec) {
        List<EmbedBuilder> out = new ArrayList<>();
        for (MessageSpec.Embed e : spec.embeds()) {
            EmbedBuilder b = new EmbedBuilder();
            if (e.title() != null) {
                b.setTitle(e.title());
            }
            if (e.description() != null) {
                b.setDescription(e.description());
            }
            if (e.color() != null) {
                b.setColor(new Color(e.color()));
            }
            for (MessageSpec.Field f : e.fields()) {
                b.addField(f.name(), f.value(), f.inline());
            }
            if (e.footer() != null) {
                b.setFooter(e.footer());
            }
            out.add(b);
        }
        return out;
    }

    static List<HighLevelComponent> rows(MessageSpec spec) {
        List<HighLevelComponent> rows = new ArrayList<>();
        for (MessageSpec.Row row : spec.rows()) {
            if (row.select() != null) {
                List<org.javacord.api.entity.message.component.SelectMenuOption> options = new ArrayList<>();
                for (MessageSpec.Option o : row.select().options()) {
                    options.add(org.javacord.api.entity.message.component.SelectMenuOption.create(o.label(), o.value(),
                            o.description()));
                }
                rows.add(ActionRow.of(org.javacord.api.entity.message.component.SelectMenu.createStringMenu(
                        row.select().customId(), row.select().placeholder(), options)));
                continue;
            }
            List<LowLevelComponent> buttons = new ArrayList<>();
            for (MessageSpec.Button b : row.buttons()) {
                buttons.add(b.style() == MessageSpec.Style.LINK
                        ? Button.link(b.url(), b.label(), b.disabled())
                        : Button.create(b.customId(), ButtonStyle.fromId(b.style().id()), b.label(), b.disabled()));
            }
            rows.add(ActionRow.of(buttons));
        }
        return rows;
    }

    static List<HighLevelComponent> modalRows(MessageSpec.Modal modal) {
        List<HighLevelComponent> rows = new ArrayList<>();
        for (MessageSpec.TextInput input : modal.inputs()) {
            TextInputBuilder b = new TextInputBuilder(input.paragraph() ? TextInputStyle.PARAGRAPH : TextInputStyle.SHORT,
                    input.customId(), input.label())
                    .setRequired(input.required())
                    .setMaximumLength(input.maxLength());
            if (input.placeholder() != null) {
                b.setPlaceholder(input.placeholder());
            }
            rows.add(ActionRow.of(b.build()));
        }
        return rows;
    }

    /** Javacord's exception reduced to status and Discord error code. */
    static DiscordFailure failure(Throwable t) {
        Throwable cause = t;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof DiscordException d) {
            int status = d.getResponse().map(r -> r.getCode()).orElse(0);
            Optional<com.fasterxml.jackson.databind.JsonNode> body = d.getResponse().flatMap(r -> r.getBody())
                    .flatMap(JavacordSpecs::json);
            int code = body.filter(n -> n.hasNonNull("code")).map(n -> n.get("code").asInt()).orElse(0);
            java.time.Duration retryAfter = status != 429 ? null : DiscordFailure.retryAfter(
                    body.filter(n -> n.path("retry_after").isNumber()).map(n -> n.get("retry_after").asDouble()),
                    d.getResponse().map(JavacordSpecs::retryAfterHeader).orElse(null)).orElse(null);
            return new DiscordFailure(status, code, cause.getClass().getSimpleName(), retryAfter);
        }
        return DiscordFailure.of(cause);
    }

    /** Javacord's API hides the headers; its core implementation still has the HTTP response. */
    private static String retryAfterHeader(org.javacord.api.util.rest.RestRequestResponseInformation response) {
        if (response instanceof org.javacord.core.util.rest.RestRequestResponseInformationImpl impl
                && impl.getRestRequestResult() != null && impl.getRestRequestResult().getResponse() != null) {
            return impl.getRestRequestResult().getResponse().header("Retry-After");
        }
        return null;
    }

    private static Optional<com.fasterxml.jackson.databind.JsonNode> json(String body) {
        try {
            return Optional.ofNullable(new com.fasterxml.jackson.databind.ObjectMapper().readTree(body));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
