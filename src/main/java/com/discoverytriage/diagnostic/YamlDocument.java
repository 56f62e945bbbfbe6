package com.discoverytriage.diagnostic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * One YAML file as a tree, plus the line each field path starts on ({@code bands[1].max -> 23}), since Jackson's
 * tree keeps no locations.
 */
record YamlDocument(JsonNode root, Map<String, Integer> lines) {

    /** A YAML syntax error, with the line and column where the parser gave up. */
    static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    static YamlDocument parse(ObjectMapper yaml, byte[] bytes) throws SyntaxError {
        try {
            Map<String, Integer> lines = new HashMap<>();
            JsonNode root;
            // one pass: Jackson builds the tree from the parser while it notes where each path starts
            try (JsonParser parser = new LineRecorder(yaml.createParser(bytes), lines)) {
                root = yaml.readTree(parser);
            }
            return new YamlDocument(root, lines);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            // SnakeYAML messages quote the offending source on indented lines; keep only the sentences.
            String message = e.getOriginalMessage().lines()
                    .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                    .collect(java.util.stream.Collectors.joining("; "));
            throw new SyntaxError(message, at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr());
        } catch (IOException e) {
            throw new SyntaxError(e.getMessage(), -1, -1);
        }
    }

    /**
     * Passes every token on and notes the line each path starts on: a key's line for {@code a.b}, an item's for
     * {@code a[0]}, the first token's for the root ({@code ""}).
     */
    private static final class LineRecorder extends JsonParserDelegate {

        /** A mapping or a list being read: its path, and for a list the index of its next item. */
        private static final class Container {
            final String path;
            final boolean list;
            int next;

            Container(String path, boolean list) {
                this.path = path;
                this.list = list;
            }
        }

        private final Map<String, Integer> lines;
        private final Deque<Container> open = new ArrayDeque<>();
        private String keyPath = "";

        LineRecorder(JsonParser parser, Map<String, Integer> lines) {
            super(parser);
            this.lines = lines;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken token = super.nextToken();
            if (token == null) {
                return null;
            }
            if (token.isStructEnd()) {
                open.pop();
                return token;
            }
            int line = currentTokenLocation().getLineNr();
            Container in = open.peek();
            if (token == JsonToken.FIELD_NAME) {
                keyPath = in.path.isEmpty() ? currentName() : in.path + "." + currentName();
                lines.putIfAbsent(keyPath, line);
                return token;
            }
            String path = in == null ? "" : in.list ? in.path + "[" + in.next++ + "]" : keyPath;
            lines.putIfAbsent(path, line);
            if (token.isStructStart()) {
                open.push(new Container(path, token == JsonToken.START_ARRAY));
            }
            return token;
        }
    }
}
