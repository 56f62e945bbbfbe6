package com.discoverytriage.diagnostic;

import java.util.List;
import java.util.Map;

/**
 * Collects the problems of one file into the loader's shared list. Adds the line a path starts on to the message
 * when it is known, so a consultant finds the spot in the editor.
 */
final class FileProblems {

    private final String file;
    private final Map<String, Integer> lines;
    private final List<ConversationFileProblem> sink;
    private int count;

    FileProblems(String file, Map<String, Integer> lines, List<ConversationFileProblem> sink) {
        this.file = file;
        this.lines = lines;
        this.sink = sink;
    }

    void add(String path, String message, String fix) {
        Integer line = lineOf(path);
        sink.add(new ConversationFileProblem(file, path, (line == null ? "" : "line " + line + ": ") + message, fix));
        count++;
    }

    int count() {
        return count;
    }

    String file() {
        return file;
    }

    /** The line of the path, or of the nearest enclosing field that exists (a missing key has no line of its own). */
    private Integer lineOf(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return null;
    }
}
