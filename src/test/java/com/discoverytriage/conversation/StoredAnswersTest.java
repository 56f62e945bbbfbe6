package com.discoverytriage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The answers and history a conversation stores: shared between commands instead of copied, so they must behave
 * as immutable values, and their JSON must read back with Jackson exactly as the columns always did.
 */
@DisplayName("Stored answers and history")
class StoredAnswersTest {

    private final ObjectMapper jackson = new ObjectMapper();

    @Test
    void givenTwoChangesOfTheSameAnswers_whenBothAddAnAnswer_thenNeitherSeesTheOther() {
        StoredAnswers base = StoredAnswers.NONE.with("q1", "yes").with("q2", "no");

        StoredAnswers left = base.with("q3", "yes");
        StoredAnswers right = base.with("q3", "unsure").with("q4", "no");

        assertThat(base).containsExactly(Map.entry("q1", "yes"), Map.entry("q2", "no"));
        assertThat(left).containsExactly(Map.entry("q1", "yes"), Map.entry("q2", "no"), Map.entry("q3", "yes"));
        assertThat(right).containsExactly(Map.entry("q1", "yes"), Map.entry("q2", "no"), Map.entry("q3", "unsure"),
                Map.entry("q4", "no"));
    }

    @Test
    void givenAnAnsweredQuestion_whenAnsweredAgain_thenItKeepsItsPlaceAndTheOldAnswersAreUnchanged() {
        StoredAnswers before = StoredAnswers.NONE.with("q1", "yes").with("q2", "no").with("q3", "yes");

        StoredAnswers after = before.with("q2", "unsure");

        assertThat(after).containsExactly(Map.entry("q1", "yes"), Map.entry("q2", "unsure"), Map.entry("q3", "yes"));
        assertThat(before.get("q2")).isEqualTo("no");
        assertThat(after).isEqualTo(Map.of("q1", "yes", "q2", "unsure", "q3", "yes"));
    }

    @Test
    void givenAnEditor_whenTheMachineChangesIt_thenTheDataItCameFromIsUnchanged() {
        StoredAnswers stored = StoredAnswers.NONE.with("q1", "yes");
        Map<String, String> editor = stored.editor();

        editor.put("q2", "no");
        editor.put("q1", "no");
        StoredAnswers changed = StoredAnswers.of(editor);
        editor.clear();

        assertThat(stored).containsExactly(Map.entry("q1", "yes"));
        assertThat(changed).containsExactly(Map.entry("q1", "no"), Map.entry("q2", "no"));
        assertThat(StoredAnswers.of(editor)).isEmpty();
    }

    @Test
    void givenAHistory_whenBackDropsTheLastStateAndAnotherIsAsked_thenTheEarlierHistoryIsUnchanged() {
        StoredHistory asked = StoredHistory.of(List.of("Q:d:q1", "Q:d:q2", "Q:d:q3"));
        List<String> editor = asked.editor();

        editor.remove(editor.size() - 1);
        editor.add("Q:d:q4");

        assertThat(StoredHistory.of(editor)).containsExactly("Q:d:q1", "Q:d:q2", "Q:d:q4");
        assertThat(asked).containsExactly("Q:d:q1", "Q:d:q2", "Q:d:q3");
    }

    @Test
    void givenAnswersBuiltOneByOne_whenWrittenAsJson_thenJacksonReadsTheSameAnswersInOrder() throws Exception {
        String awkward = "line one\nline \"two\"\t\\ end \u0001 caf\u00e9 \uD83D\uDE00";
        StoredAnswers answers = StoredAnswers.NONE;
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 1; i <= 40; i++) {
            String value = i % 7 == 0 ? awkward + i : i % 2 == 0 ? "yes" : "no";
            answers = answers.with("q" + i, value);
            expected.put("q" + i, value);
            String json = answers.json();
            assertThat(jackson.readValue(json, new TypeReference<LinkedHashMap<String, String>>() { }))
                    .containsExactlyEntriesOf(expected);
            // made from the previous JSON or from scratch: the same text
            assertThat(json).isEqualTo(StoredJson.object(answers));
        }
    }

    @Test
    void givenAHistoryBuiltOneByOne_whenWrittenAsJson_thenJacksonReadsTheSameStates() throws Exception {
        StoredHistory history = StoredHistory.NONE;
        for (int i = 1; i <= 30; i++) {
            history = history.plus(i % 5 == 0 ? "Q:d:\"odd\"\n" + i : "Q:d:q" + i);
            String json = history.json();
            assertThat(jackson.readValue(json, new TypeReference<List<String>>() { })).isEqualTo(history);
            assertThat(json).isEqualTo(StoredJson.array(history));
        }
    }

    @Test
    void givenColumnsWrittenByJackson_whenRead_thenTheyLoadAndExtendAsValidJson() throws Exception {
        // rows stored before this encoding were written by Jackson: they must load, and grow, as they are
        Map<String, String> old = new LinkedHashMap<>();
        old.put("p1", "yes");
        old.put("name", "Head of \"engineering\"");
        String oldJson = jackson.writeValueAsString(old);

        StoredAnswers read = StoredAnswers.read(jackson.readValue(oldJson,
                new TypeReference<LinkedHashMap<String, String>>() { }), oldJson);
        StoredAnswers grown = read.with("p2", "no");

        assertThat(read.json()).isEqualTo(oldJson);
        assertThat(jackson.readValue(grown.json(), new TypeReference<LinkedHashMap<String, String>>() { }))
                .containsExactly(Map.entry("p1", "yes"), Map.entry("name", "Head of \"engineering\""),
                        Map.entry("p2", "no"));
    }
}
