package com.discoverytriage.discord.card;

import com.discoverytriage.discord.interaction.CustomId;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.interaction.DiscordProspects;
import com.discoverytriage.discord.render.DiscordText;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.Phase;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Field;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.discord.render.MessageSpec.Style;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.scoring.SignalCounts;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.TriageSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Renders a {@link TriageSummary} as the consultant's living card in the private summary channel. */
public final class CardRenderer {

    public static final String OVERRIDE = "override";
    static final String STATUS = "status";

    private final CustomIds ids;

    public CardRenderer(CustomIds ids) {
        this.ids = ids;
    }

    public MessageSpec render(TriageSummary s, LeadState lead) {
        if (lead.lifecycle() != null && lead.lifecycle().gone()) {
            return LifecycleCards.emptied(s.triageId(), lead.lifecycle());
        }
        String name = DiscordText.escapeAndFit(s.displayName() == null ? "unknown" : s.displayName(), 100);
        StringBuilder description = new StringBuilder();
        mention(s.prospectId()).ifPresent(m -> description.append(m).append(' '));
        description.append(name).append('\n').append(stateLine(s));
        LifecycleCards.line(lead).ifPresent(description::append);
        if (lead.status() != null) {
            description.append("\nLead: **").append(lead.status().label()).append("**")
                    .append(by(lead.statusBy(), lead.statusAt()));
        }
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("Diagnostic", s.diagnosticTitle() == null ? "not chosen yet"
                : s.diagnosticTitle() + (s.diagnosticVersion() == null ? "" : " (file " + shortVersion(s.diagnosticVersion()) + ")"), true));
        Outcome outcome = s.outcome();
        if (outcome != null) {
            fields.add(new Field("Outcome", (outcome.isBook() ? "Book: " : "Alternative: ") + outcome.title()
                    + "\nRule: `" + outcome.rule().replace("`", "'") + "`", true));
        }
        if (s.signals() != null) {
            fields.add(new Field("Signals", signals(s.signals()), true));
        }
        if (s.profileTitle() != null) {
            fields.add(new Field(s.profileLabel() == null ? "Profile" : s.profileLabel(), s.profileTitle(), true));
        }
        if (lead.talkAnyway()) {
            fields.add(new Field("Talk anyway", "The prospect asked to talk to you anyway" + by(null, lead.talkAnywayAt()), false));
        }
        if (lead.overrideBy() != null) {
            fields.add(new Field("Outcome overridden", "Booked against the rules" + by(lead.overrideBy(), lead.overrideAt()), false));
        }
        if (lead.note() != null) {
            fields.add(new Field("Note", lead.note(), false));
        }
        if (s.bookingUrl() != null) {
            fields.add(new Field("Booking link", s.bookingUrl(), false));
        }
        Duration taken = s.timeTaken();
        if (taken != null) {
            fields.add(new Field("Time taken", human(taken), true));
        }
        for (TriageSummary.Item item : s.answers()) {
            String answer = DiscordText.escapeAndFit(item.answer(), DiscordText.FIELD_VALUE - 16);
            fields.add(new Field(item.question(), item.flagged() ? answer + " ⚠ raise on the call" : answer, false));
        }
        Embed embed = new Embed("Fit check: " + name, description.toString(), color(s, lead), fields,
                footer(s.triageId()));
        return MessageSpec.of(null, embed, buttons(s, lead));
    }

    /** The card's footer; it also finds a card whose post was not recorded (see {@link CardDelivery}). */
    static String footer(String triageId) {
        return "Triage " + triageId;
    }

    private List<Row> buttons(TriageSummary s, LeadState lead) {
        List<Button> buttons = new ArrayList<>();
        for (LeadState.Status status : LeadState.Status.values()) {
            String label = status == LeadState.Status.CONTACTED ? "Mark contacted" : status.label();
            buttons.add(new Button(status == LeadState.Status.NOT_A_FIT ? Style.DANGER : Style.SECONDARY, label,
                    ids.encode(new CustomId(CustomId.CARD, s.triageId(), 0, STATUS + "=" + status.id())), null,
                    status == lead.status()));
        }
        if (s.outcome() != null && !s.outcome().isBook() && lead.overrideBy() == null) {
            buttons.add(Button.of(Style.PRIMARY, "Override outcome: book",
                    ids.encode(new CustomId(CustomId.CARD, s.triageId(), 0, OVERRIDE))));
        }
        return Row.wrap(buttons);
    }

    private static String stateLine(TriageSummary s) {
        Phase phase = s.phase();
        if (phase == null) {
            return "";
        }
        return switch (phase) {
            case ROUTING -> "In progress: choosing a diagnostic";
            case ASKING -> "In progress: question " + s.questionNumber() + " of " + s.questionTotal();
            case REVIEW -> "In progress: reviewing answers";
            case DECIDED -> s.outcome() == null ? "Decided" : s.outcome().isBook() ? "Decided: book the call" : "Decided: alternative";
            case CANCELLED -> "Cancelled by the prospect";
        };
    }

    private static int color(TriageSummary s, LeadState lead) {
        if (lead.overrideBy() != null || (s.outcome() != null && s.outcome().isBook())) {
            return ProspectRenderer.BOOK_COLOR;
        }
        if (s.outcome() != null) {
            return ProspectRenderer.ALTERNATIVE_COLOR;
        }
        return ProspectRenderer.QUESTION_COLOR;
    }

    private static String signals(SignalCounts c) {
        String line = "Yes " + c.yes() + " · No " + c.no() + " · Not sure " + c.unsure();
        return c.unsureQuestions().isEmpty() ? line : line + "\nNot sure: " + String.join(", ", c.unsureQuestions());
    }

    static java.util.Optional<String> mention(String prospectId) {
        if (prospectId != null && prospectId.startsWith(DiscordProspects.PREFIX)) {
            String id = prospectId.substring(DiscordProspects.PREFIX.length());
            if (id.chars().allMatch(Character::isDigit) && !id.isEmpty()) {
                return java.util.Optional.of("<@" + id + ">");
            }
        }
        return java.util.Optional.empty();
    }

    private static String by(String who, Instant when) {
        StringBuilder out = new StringBuilder();
        if (who != null) {
            out.append(" by ").append(DiscordText.escapeAndFit(who, 100));
        }
        if (when != null) {
            out.append(" <t:").append(when.getEpochSecond()).append(":R>");
        }
        return out.toString();
    }

    private static String shortVersion(String version) {
        return version.length() > 12 ? version.substring(0, 12) : version;
    }

    static String human(Duration d) {
        long seconds = Math.max(0, d.getSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + " min " + (seconds % 60) + " s";
        }
        if (seconds < 86400) {
            return (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
        }
        return (seconds / 86400) + " days";
    }
}
