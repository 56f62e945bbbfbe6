package com.discoverytriage.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider's webhook says, reduced to what the card needs: booked or cancelled, the meeting's start, and the
 * values that may carry the triage reference the bot put in the booking URL.
 *
 * @param references candidate values for the reference, most specific first
 */
record BookingEvent(Kind kind, Instant meetingAt, List<String> references) {

    enum Kind {
        BOOKED, CANCELLED, IGNORED
    }

    /** Events this provider sends that the bot does not act on (empty: unknown, answered 204). */
    static Optional<BookingEvent> calcom(JsonNode root, String referenceParam) {
        String trigger = root.path("triggerEvent").asText("");
        Kind kind = switch (trigger) {
            case "BOOKING_CREATED", "BOOKING_RESCHEDULED" -> Kind.BOOKED;
            case "BOOKING_CANCELLED" -> Kind.CANCELLED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        JsonNode payload = root.path("payload");
        List<String> refs = new ArrayList<>();
        // a booking question prefilled from the URL (responses.<name>.value), or booking metadata from metadata[<name>]
        addValue(refs, payload.path("metadata").path(bareName(referenceParam)));
        addValue(refs, payload.path("responses").path(bareName(referenceParam)));
        addAll(refs, payload.path("metadata"));
        addAll(refs, payload.path("responses"));
        return Optional.of(new BookingEvent(kind, time(payload.path("startTime")), refs));
    }

    static Optional<BookingEvent> calendly(JsonNode root) {
        String event = root.path("event").asText("");
        JsonNode payload = root.path("payload");
        Kind kind = switch (event) {
            case "invitee.created" -> Kind.BOOKED;
            // a reschedule sends invitee.canceled (rescheduled: true) and invitee.created for the new time
            case "invitee.canceled" -> payload.path("rescheduled").asBoolean(false) ? Kind.IGNORED : Kind.CANCELLED;
            default -> null;
        };
        if (kind == null) {
            return Optional.empty();
        }
        List<String> refs = new ArrayList<>();
        // Calendly keeps only utm_* (and salesforce_uuid) query parameters of the booking URL, under tracking
        addAll(refs, payload.path("tracking"));
        for (JsonNode qa : payload.path("questions_and_answers")) {
            addValue(refs, qa.path("answer"));
        }
        return Optional.of(new BookingEvent(kind, time(payload.path("scheduled_event").path("start_time")), refs));
    }

    /** {@code metadata[ref]} in the URL is {@code ref} in the payload. */
    static String bareName(String param) {
        if (param == null) {
            return "";
        }
        int open = param.indexOf('[');
        return open >= 0 && param.endsWith("]") ? param.substring(open + 1, param.length() - 1) : param;
    }

    private static void addAll(List<String> refs, JsonNode object) {
        if (!object.isObject()) {
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            addValue(refs, it.next().getValue());
        }
    }

    private static void addValue(List<String> refs, JsonNode node) {
        JsonNode value = node.isObject() ? node.path("value") : node;
        if (value.isTextual() && !value.asText().isBlank() && value.asText().length() <= 64) {
            String text = value.asText().strip();
            if (!refs.contains(text)) {
                refs.add(text);
            }
        }
    }

    private static Instant time(JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(node.asText());
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }
}
