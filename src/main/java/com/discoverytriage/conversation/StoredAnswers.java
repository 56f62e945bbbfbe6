package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Answers;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A conversation's answers by question id, in the order given: immutable, and cheap to extend. Recording the answer
 * to a question not answered yet shares the stored answers instead of copying them, and the JSON stored in the
 * {@code conversation.answers} column is made from the previous one, so an answer costs the same with 80 stored
 * as with 10. Changing an answer already given (after Back, or from the review) copies; it keeps its place.
 */
final class StoredAnswers extends AbstractMap<String, String> implements Answers.Frozen {

    static final StoredAnswers NONE = new StoredAnswers(SharedPrefix.EMPTY, "{}", null);

    /** Question id and answer, alternating. */
    private final SharedPrefix pairs;
    /** The JSON of these answers once made (or as read from the database); racy but always the same string. */
    private String json;
    /** The JSON of the answers this one added its last pair to, when known: this one's JSON is made from it. */
    private final String before;

    private StoredAnswers(SharedPrefix pairs, String json, String before) {
        this.pairs = pairs;
        this.json = json;
        this.before = before;
    }

    /** {@code answers} as stored answers: the same object when it already is, else a copy. */
    static StoredAnswers of(Map<String, String> answers) {
        if (answers instanceof StoredAnswers stored) {
            return stored;
        }
        if (answers instanceof Editor editor) {
            return editor.current;
        }
        return copyOf(answers, null);
    }

    /** Answers read from the database: {@code json} is the column as stored, kept to compare and to extend. */
    static StoredAnswers read(Map<String, String> answers, String json) {
        return copyOf(answers, json);
    }

    private static StoredAnswers copyOf(Map<String, String> answers, String json) {
        if (answers.isEmpty()) {
            return json == null || json.equals(NONE.json) ? NONE : new StoredAnswers(SharedPrefix.EMPTY, json, null);
        }
        Object[] items = new Object[answers.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> e : answers.entrySet()) {
            items[i++] = Objects.requireNonNull(e.getKey(), "question id");
            items[i++] = Objects.requireNonNull(e.getValue(), "answer");
        }
        return new StoredAnswers(SharedPrefix.of(items, items.length), json, null);
    }

    /** These answers with {@code questionId} answered {@code answer} (a new question last, a known one in place). */
    StoredAnswers with(String questionId, String answer) {
        Objects.requireNonNull(questionId, "question id");
        Objects.requireNonNull(answer, "answer");
        int at = indexOf(questionId);
        if (at < 0) {
            return new StoredAnswers(pairs.append(questionId, answer, true), null, json);
        }
        return answer.equals(pairs.get(at + 1)) ? this : new StoredAnswers(pairs.with(at + 1, answer), null, null);
    }

    StoredAnswers without(String questionId) {
        int at = indexOf(questionId);
        return at < 0 ? this : new StoredAnswers(pairs.without(at, 2), null, null);
    }

    /** The JSON object stored in {@code conversation.answers}, question id to answer, in order. */
    String json() {
        String made = json;
        if (made == null) {
            made = before != null ? StoredJson.appendMember(before, key(size() - 1), value(size() - 1))
                    : StoredJson.object(this);
            json = made;
        }
        return made;
    }

    /** An editable view for a machine's extended state; what it ends with is {@link #of its answers}. */
    Editor editor() {
        return new Editor(this);
    }

    String key(int index) {
        return (String) pairs.get(index * 2);
    }

    String value(int index) {
        return (String) pairs.get(index * 2 + 1);
    }

    private int indexOf(Object questionId) {
        for (int i = 0; i < pairs.size(); i += 2) {
            if (pairs.get(i).equals(questionId)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int size() {
        return pairs.size() / 2;
    }

    @Override
    public boolean isEmpty() {
        return pairs.size() == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public String get(Object key) {
        int at = indexOf(key);
        return at < 0 ? null : (String) pairs.get(at + 1);
    }

    /** In order, with no entry made per answer (the statistics listener reads every answer on every change). */
    @Override
    public void forEach(BiConsumer<? super String, ? super String> action) {
        for (int i = 0, n = size(); i < n; i++) {
            action.accept(key(i), value(i));
        }
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < StoredAnswers.this.size();
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(key(i), value(i));
                    }
                };
            }

            @Override
            public int size() {
                return StoredAnswers.this.size();
            }
        };
    }

    /** The answers as a mutable map, for the machine's actions; every change makes new stored answers. */
    static final class Editor extends AbstractMap<String, String> {

        private StoredAnswers current;

        private Editor(StoredAnswers current) {
            this.current = current;
        }

        @Override
        public String put(String questionId, String answer) {
            String before = current.get(questionId);
            current = current.with(questionId, answer);
            return before;
        }

        @Override
        public String remove(Object questionId) {
            String before = current.get(questionId);
            if (before != null) {
                current = current.without((String) questionId);
            }
            return before;
        }

        @Override
        public void clear() {
            current = NONE;
        }

        @Override
        public int size() {
            return current.size();
        }

        @Override
        public boolean containsKey(Object key) {
            return current.containsKey(key);
        }

        @Override
        public String get(Object key) {
            return current.get(key);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return current.entrySet();
        }
    }
}
