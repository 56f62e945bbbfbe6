package com.discoverytriage.export;

import java.util.List;

/**
 * RFC 4180 CSV that spreadsheets open safely: UTF-8 with a byte order mark (so non-ASCII names show correctly),
 * CRLF line ends, fields with a comma, quote, CR or LF quoted (quotes doubled), and any field that a spreadsheet
 * would take as a formula (starting with {@code = + - @}, a tab or a CR) prefixed with an apostrophe.
 */
public final class Csv {

    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    /** The whole file as text, BOM first; write it as UTF-8. */
    public static String write(List<List<String>> rows) {
        StringBuilder out = new StringBuilder(BOM);
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(row.get(i)));
            }
            out.append("\r\n");
        }
        return out.toString();
    }

    static String field(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        String safe = neutralise(value);
        boolean quote = safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0
                || safe.indexOf('\r') >= 0;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }

    /** Formula injection: a leading = + - @ tab or CR makes a spreadsheet evaluate the cell. */
    static String neutralise(String value) {
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
