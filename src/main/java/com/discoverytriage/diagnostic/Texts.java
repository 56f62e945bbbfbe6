package com.discoverytriage.diagnostic;

import java.util.Locale;
import java.util.regex.Pattern;

/** Checks of the ids and texts of a conversation file, with the limits a prospect's phone and Discord impose. */
final class Texts {

    /** A question is read on a phone, in a Discord message; keep it to a few lines. */
    static final int QUESTION_MAX = 300;
    static final int HELP_MAX = 500;
    /** Routes are buttons: Discord caps a button label at 80 characters. */
    static final int LABEL_MAX = 80;
    /** Titles appear as select-menu options and embed titles (Discord: 100 for an option label). */
    static final int TITLE_MAX = 100;
    /** Reasons, why, next steps: each is one embed field (Discord: 1024 characters). */
    static final int LONG_MAX = 1000;
    /** A Discord modal text input holds at most 4000 characters. */
    static final int ANSWER_MAX = 4000;
    /** Ids travel in answers ({@code q1=yes}), transcripts and Discord custom ids (100 characters in all). */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final FileProblems problems;

    Texts(FileProblems problems) {
        this.problems = problems;
    }

    boolean id(String path, String value, String what) {
        if (value == null || value.isBlank()) {
            problems.add(path, what + " has no id.", "Add an id: lower-case letters, digits, - or _ (e.g. 'team-size').");
            return false;
        }
        if (!ID.matcher(value).matches()) {
            problems.add(path, "id '" + value + "' is not a valid id.",
                    "Use 1 to 40 lower-case letters, digits, - or _, starting with a letter or digit.");
            return false;
        }
        return true;
    }

    void required(String path, String value, int max, String what) {
        if (value == null || value.isBlank()) {
            problems.add(path, "missing or empty text.", "Write " + what + ".");
        } else {
            length(path, value, max);
        }
    }

    void optional(String path, String value, int max) {
        if (value != null && value.isBlank()) {
            problems.add(path, "empty text.", "Write the text, or remove the key.");
        } else if (value != null) {
            length(path, value, max);
        }
    }

    private void length(String path, String value, int max) {
        int length = value.strip().length();
        if (length > max) {
            problems.add(path, "text is " + length + " characters long; at most " + max + " fit.",
                    "Shorten it to " + max + " characters or fewer (prospects read it on a phone, in Discord).");
        }
    }

    static String strip(String value) {
        return value == null ? null : value.strip();
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String raw) {
        if (raw == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().toLowerCase(Locale.ROOT).equals(raw.strip().toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        return null;
    }
}
