package com.discoverytriage.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One golden transcript: a header ({@code name:}, optional {@code diagnostic:}), the piped input, and the exact
 * console output a prospect sees (triage ids, file versions and times masked).
 *
 * <pre>
 * # what the scenario shows
 * name: Golden Clear Fit
 * diagnostic: product-leadership
 * --- input
 * yes
 * ...
 * --- output
 * ...
 * </pre>
 */
record Transcript(Path file, List<String> comments, Map<String, String> header, String input, String output) {

    static final String INPUT = "--- input";
    static final String OUTPUT = "--- output";

    static Transcript read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int in = text.indexOf("\n" + INPUT + "\n");
        if (in < 0) {
            throw new IllegalArgumentException(file + ": no '" + INPUT + "' line");
        }
        int out = text.indexOf("\n" + OUTPUT + "\n", in);
        List<String> comments = new ArrayList<>();
        Map<String, String> header = new TreeMap<>();
        for (String line : text.substring(0, in).split("\n")) {
            if (line.startsWith("#")) {
                comments.add(line);
            } else if (line.contains(":")) {
                header.put(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
            }
        }
        String input = out < 0 ? text.substring(in + INPUT.length() + 2) : text.substring(in + INPUT.length() + 2, out + 1);
        String output = out < 0 ? "" : text.substring(out + OUTPUT.length() + 2);
        return new Transcript(file, comments, header, input, output);
    }

    String name() {
        return header.getOrDefault("name", file.getFileName().toString());
    }

    String diagnostic() {
        return header.get("diagnostic");
    }

    void writeWithOutput(String newOutput) throws IOException {
        StringBuilder text = new StringBuilder();
        comments.forEach(c -> text.append(c).append('\n'));
        header.forEach((k, v) -> text.append(k).append(": ").append(v).append('\n'));
        text.append(INPUT).append('\n').append(input).append(OUTPUT).append('\n').append(newOutput);
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
    }

    /** A line diff (expected -> actual) with three lines of context around each change; empty when equal. */
    static String diff(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        List<Boolean> changed = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add(String.format("  %4d  %s", j + 1, b[j]));
                changed.add(false);
                i++;
                j++;
            } else if (j < b.length && (i == a.length || lcs[i][j + 1] >= lcs[i + 1][j])) {
                lines.add(String.format("+ %4d  %s", j + 1, b[j++]));
                changed.add(true);
            } else {
                lines.add(String.format("- %4s  %s", "", a[i++]));
                changed.add(true);
            }
        }
        StringBuilder out = new StringBuilder();
        int lastShown = -1;
        for (int k = 0; k < lines.size(); k++) {
            boolean near = false;
            for (int d = Math.max(0, k - 3); d <= Math.min(lines.size() - 1, k + 3); d++) {
                near |= changed.get(d);
            }
            if (near) {
                if (lastShown >= 0 && k > lastShown + 1) {
                    out.append("  ...\n");
                }
                out.append(lines.get(k)).append('\n');
                lastShown = k;
            }
        }
        return out.toString();
    }
}
