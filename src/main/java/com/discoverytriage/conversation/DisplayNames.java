package com.discoverytriage.conversation;

/**
 * Display names come from outside (Discord, {@code --name}) and end up in terminals, cards, CSV files and booking
 * links: control characters (newlines, terminal escape sequences) and bidirectional overrides are removed, runs of
 * white space become one space, and the result is at most {@link #MAX_LENGTH} characters.
 */
public final class DisplayNames {

    public static final int MAX_LENGTH = 100;

    private DisplayNames() {
    }

    /** The name as it may be stored and shown; null stays null, and a name with nothing left is null. */
    public static String clean(String name) {
        if (name == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                out.append(' ');
            } else if (Character.getType(c) != Character.CONTROL && !bidiControl(c)) {
                out.appendCodePoint(c);
            }
        });
        String cleaned = out.toString().replaceAll(" {2,}", " ").strip();
        if (cleaned.length() > MAX_LENGTH) {
            int end = Character.isHighSurrogate(cleaned.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH;
            cleaned = cleaned.substring(0, end).strip();
        }
        return cleaned.isEmpty() ? null : cleaned;
    }

    /** U+200E/F marks, U+202A..E embeddings and overrides, U+2066..9 isolates: they reorder what a reader sees. */
    private static boolean bidiControl(int c) {
        return c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x061C;
    }
}
