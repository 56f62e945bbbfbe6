package com.discoverytriage.discord.render;

/**
 * Discord's length limits and the two text operations every message goes through: fitting a text into a limit
 * (visibly, with a marker) and escaping a prospect's text so it renders literally.
 *
 * <p>Lengths are counted in UTF-16 code units ({@link String#length()}). Discord counts characters; a code point
 * never takes fewer code units than characters, so a text within the limit in code units is within it however
 * Discord counts. A cut never splits a surrogate pair.
 */
public final class DiscordText {

    public static final int CONTENT = 2000;
    public static final int EMBEDS_PER_MESSAGE = 10;
    public static final int EMBED_TITLE = 256;
    public static final int EMBED_DESCRIPTION = 4096;
    public static final int EMBED_FIELDS = 25;
    public static final int FIELD_NAME = 256;
    public static final int FIELD_VALUE = 1024;
    public static final int FOOTER = 2048;
    public static final int EMBED_TOTAL = 6000;
    public static final int BUTTONS_PER_ROW = 5;
    public static final int ROWS = 5;
    public static final int LABEL = 80;
    public static final int CUSTOM_ID = 100;
    public static final int URL = 512;
    public static final int MODAL_TITLE = 45;
    public static final int MODAL_INPUTS = 5;
    public static final int INPUT_LABEL = 45;
    public static final int INPUT_PLACEHOLDER = 100;
    public static final int INPUT_VALUE = 4000;
    /** String select menus: at most 25 options; option label, value and description 100; placeholder 150. */
    public static final int SELECT_OPTIONS = 25;
    public static final int SELECT_OPTION_TEXT = 100;
    public static final int SELECT_PLACEHOLDER = 150;

    /** Appended to every text that was cut. */
    public static final String MARKER = "…";

    private static final String MARKDOWN = "\\*_~`|>#-[]()<@:";

    private DiscordText() {
    }

    /** The text unchanged if it fits, else cut to {@code max} code units ending with {@link #MARKER}. */
    public static String fit(String text, int max) {
        if (text == null) {
            return null;
        }
        if (max <= 0) {
            return "";
        }
        if (text.length() <= max) {
            return text;
        }
        if (max <= MARKER.length()) {
            return cut(text, max);
        }
        return cut(text, max - MARKER.length()) + MARKER;
    }

    /** The first {@code units} code units or one fewer, so that no surrogate pair is split. */
    static String cut(String text, int units) {
        int end = Math.min(units, text.length());
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Escapes every character Discord's markdown gives a meaning to (and {@code @} / {@code <} so mentions and
     * masked links show as typed). Also drops control characters other than line breaks and tabs.
     */
    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\t') {
                continue;
            }
            if (MARKDOWN.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Escapes then fits, never leaving a dangling escape backslash at the cut. */
    public static String escapeAndFit(String text, int max) {
        String escaped = escape(text);
        if (escaped == null || escaped.length() <= max) {
            return escaped;
        }
        String cut = cut(escaped, Math.max(0, max - MARKER.length()));
        int trailing = 0;
        for (int i = cut.length() - 1; i >= 0 && cut.charAt(i) == '\\'; i--) {
            trailing++;
        }
        if (trailing % 2 == 1) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + MARKER;
    }

    /** Discord rejects empty field names and values: a dash stands in. */
    static String nonEmpty(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
