package com.discoverytriage.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The line each field of a conversation file starts on: the problems of validate point there. */
@DisplayName("A YAML file's tree and the line of each field")
class YamlDocumentTest {

    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private static YamlDocument parse(String text) throws YamlDocument.SyntaxError {
        return YamlDocument.parse(YAML, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("every mapping key, list item and nested field has the line it starts on; the tree holds the values")
    void linesOfEveryPath() throws Exception {
        YamlDocument document = parse("""
                # a comment
                id: demo
                counted: [a, b]
                questions:
                  - id: q1
                    text: >
                      folded
                      text
                  -
                    id: q2
                    optional: true
                bands:
                  - {min: 0, max: 3}
                nested:
                  deeper:
                    - - x
                      - y
                """);

        assertThat(document.lines()).containsAllEntriesOf(Map.ofEntries(
                Map.entry("", 2), Map.entry("id", 2), Map.entry("counted", 3), Map.entry("counted[0]", 3),
                Map.entry("counted[1]", 3), Map.entry("questions", 4), Map.entry("questions[0]", 5),
                Map.entry("questions[0].id", 5), Map.entry("questions[0].text", 6), Map.entry("questions[1]", 10),
                Map.entry("questions[1].id", 10), Map.entry("questions[1].optional", 11), Map.entry("bands", 12),
                Map.entry("bands[0]", 13), Map.entry("bands[0].min", 13), Map.entry("bands[0].max", 13),
                Map.entry("nested", 14), Map.entry("nested.deeper", 15), Map.entry("nested.deeper[0]", 16),
                Map.entry("nested.deeper[0][0]", 16), Map.entry("nested.deeper[0][1]", 17)));
        assertThat(document.lines()).hasSize(21);
        assertThat(document.root().path("questions").path(0).path("text").asText()).isEqualTo("folded text\n");
        assertThat(document.root().path("questions").path(1).path("optional").isBoolean()).isTrue();
        assertThat(document.root().path("bands").path(0).path("max").isInt()).isTrue();
        assertThat(document.root().path("counted").size()).isEqualTo(2);
    }

    @Test
    @DisplayName("an empty file has no tree; a duplicate key and broken YAML are syntax errors with their line")
    void emptyAndBroken() throws Exception {
        YamlDocument empty = parse("# nothing but a comment\n");
        assertThat(empty.root() == null || empty.root().isMissingNode()).isTrue();

        assertThatThrownBy(() -> parse("id: a\ntitle: t\nid: b\n")).isInstanceOf(YamlDocument.SyntaxError.class)
                .hasMessageContaining("Duplicate field 'id'")
                .satisfies(e -> assertThat(((YamlDocument.SyntaxError) e).line).isEqualTo(3));
        assertThatThrownBy(() -> parse("id: a\nquestions:\n  - id: [unclosed\n")).isInstanceOf(YamlDocument.SyntaxError.class)
                .satisfies(e -> assertThat(((YamlDocument.SyntaxError) e).line).isPositive());
    }
}
