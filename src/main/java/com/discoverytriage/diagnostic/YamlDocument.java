package com.discoverytriage.diagnostic;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
            JsonNode root = yaml.readTree(bytes);
            Map<String, Integer> lines = new HashMap<>();
            try (JsonParser parser = yaml.createParser(bytes)) {
                if (parser.nextToken() != null) {
                    record(parser, "", lines);
                }
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

    private static void record(JsonParser parser, String path, Map<String, Integer> lines) throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = path.isEmpty() ? parser.currentName() : path + "." + parser.currentName();
                lines.putIfAbsent(child, parser.currentTokenLocation().getLineNr());
                parser.nextToken();
                record(parser, child, lines);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int index = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                record(parser, path + "[" + index++ + "]", lines);
            }
        }
    }
}
