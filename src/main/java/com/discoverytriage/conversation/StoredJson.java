package com.discoverytriage.conversation;

import java.util.List;

/**
 * Writes the {@code conversation.answers} (an object of strings) and {@code conversation.history} (an array of
 * strings) columns as JSON that Jackson reads back, each in one pass into a buffer of the right size: a string is
 * quoted with {@code "} and {@code \} escaped, control characters as {@code \n}, {@code \t} ... or {@code \}{@code
 * u00XX}, everything else as it is (as Jackson writes them).
 */
final class StoredJson {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private StoredJson() {
    }

    static String object(StoredAnswers answers) {
        int length = 2;
        for (int i = 0; i < answers.size(); i++) {
            length += quotedLength(answers.key(i)) + quotedLength(answers.value(i)) + 2;
        }
        StringBuilder out = new StringBuilder(length).append('{');
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, answers.key(i)).append(':');
            quote(out, answers.value(i));
        }
        return out.append('}').toString();
    }

    static String array(List<String> items) {
        int length = 2;
        for (String item : items) {
            length += quotedLength(item) + 1;
        }
        StringBuilder out = new StringBuilder(length).append('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            quote(out, items.get(i));
        }
        return out.append(']').toString();
    }

    /** {@code object} (a JSON object of this class's making) with one more member, last. */
    static String appendMember(String object, String key, String value) {
        boolean empty = object.length() == 2;
        StringBuilder out = new StringBuilder(object.length() + quotedLength(key) + quotedLength(value) + 2)
                .append(object, 0, object.length() - 1);
        if (!empty) {
            out.append(',');
        }
        quote(out, key).append(':');
        return quote(out, value).append('}').toString();
    }

    /** {@code array} (a JSON array of this class's making) with one more element, last. */
    static String appendElement(String array, String item) {
        boolean empty = array.length() == 2;
        StringBuilder out = new StringBuilder(array.length() + quotedLength(item) + 1)
                .append(array, 0, array.length() - 1);
        if (!empty) {
            out.append(',');
        }
        return quote(out, item).append(']').toString();
    }

    private static int quotedLength(String s) {
        int length = s.length() + 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f') {
                length += 1;
            } else if (c < 0x20) {
                length += 5;
            }
        }
        return length;
    }

    private static StringBuilder quote(StringBuilder out, String s) {
        out.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> null;
            };
            if (escape == null && c >= 0x20) {
                continue;
            }
            out.append(s, plain, i);
            if (escape != null) {
                out.append(escape);
            } else {
                out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        return out.append(s, plain, s.length()).append('"');
    }
}
