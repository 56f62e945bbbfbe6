package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One REST request as the stand-in received it, and the status it answered.
 *
 * @param method       HTTP method
 * @param path         path below {@code /api/v10}, for example {@code /channels/123/messages}
 * @param query        raw query string or empty
 * @param headers      request headers, lower-case names; the authorization value is replaced by a marker
 * @param body         request body as text (empty when none); for a multipart request its {@code payload_json} part,
 *                     so the contract check validates the message it carries
 * @param files        the files of a multipart request ({@code files[n]} parts), in order; empty otherwise
 * @param status       HTTP status the stand-in answered
 * @param receivedNanos {@link System#nanoTime()} when the request had been read completely
 */
public record RecordedCall(String method, String path, String query, Map<String, List<String>> headers,
                           String body, int status, long receivedNanos, List<FilePart> files) {

    public RecordedCall {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
        body = body == null ? "" : body;
        query = query == null ? "" : query;
        files = files == null ? List.of() : List.copyOf(files);
    }

    public RecordedCall(String method, String path, String query, Map<String, List<String>> headers, String body,
                        int status, long receivedNanos) {
        this(method, path, query, headers, body, status, receivedNanos, List.of());
    }

    /** One file part of a multipart request: its form name ({@code files[0]}), file name, content type and bytes. */
    public record FilePart(String name, String filename, String contentType, byte[] content) {
        public FilePart {
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }

        @Override
        public String toString() {
            return name + " " + filename + " (" + contentType + ", " + content.length + " bytes)";
        }
    }

    /** The body parsed as JSON, or a missing node when there is no JSON body. */
    public JsonNode json() {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return Payloads.JSON.readTree(body);
        } catch (java.io.IOException e) {
            return MissingNode.getInstance();
        }
    }

    public boolean hasJsonBody() {
        return !json().isMissingNode();
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** True when the path matches a template such as {@code /channels/{id}/messages} or {@code /channels/* /messages}. */
    public boolean matches(String method, String pathTemplate) {
        return this.method.equalsIgnoreCase(method) && PathTemplate.compile(pathTemplate).matcher(path).matches();
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + (body.isEmpty() ? "" : " " + body)
                + (files.isEmpty() ? "" : " " + files);
    }
}
