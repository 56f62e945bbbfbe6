package com.discoverytriage.diagnostic;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The three answers a signal or gate question accepts. The stored form is {@link #id()}. */
public enum Reply {
    YES("yes", "Yes"),
    NO("no", "No"),
    UNSURE("unsure", "Not sure");

    private static final Pattern SEPARATORS = Pattern.compile("[\\s_-]+");

    private final String id;
    private final String label;

    Reply(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** Parses the stored form and the usual ways people type it (y, n, "not sure", ...). */
    public static Optional<Reply> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        switch (raw) { // the stored forms, parsed on every answer and rule: no regex for them
            case "yes":
                return Optional.of(YES);
            case "no":
                return Optional.of(NO);
            case "unsure":
                return Optional.of(UNSURE);
            default:
                break;
        }
        String s = SEPARATORS.matcher(raw.trim().toLowerCase(Locale.ROOT)).replaceAll(" ");
        return switch (s) {
            case "yes", "y" -> Optional.of(YES);
            case "no", "n" -> Optional.of(NO);
            case "unsure", "not sure", "notsure", "?", "dont know", "don't know", "maybe" -> Optional.of(UNSURE);
            default -> Optional.empty();
        };
    }
}
