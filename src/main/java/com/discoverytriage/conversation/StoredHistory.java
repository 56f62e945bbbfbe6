package com.discoverytriage.conversation;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The states a conversation asked, oldest first, the current (or last) question last: immutable, and cheap to
 * extend or shorten. Asking one more question shares the stored states instead of copying them, and the JSON
 * stored in {@code conversation.history} is made from the previous one; Back (dropping the last state) shares too.
 */
final class StoredHistory extends AbstractList<String> implements RandomAccess {

    static final StoredHistory NONE = new StoredHistory(SharedPrefix.EMPTY, "[]", null);

    private final SharedPrefix states;
    /** The JSON of these states once made (or as read from the database); racy but always the same string. */
    private String json;
    /** The JSON of the history this one added its last state to, when known: this one's JSON is made from it. */
    private final String before;

    private StoredHistory(SharedPrefix states, String json, String before) {
        this.states = states;
        this.json = json;
        this.before = before;
    }

    /** {@code history} as a stored history: the same object when it already is, else a copy. */
    static StoredHistory of(List<String> history) {
        if (history instanceof StoredHistory stored) {
            return stored;
        }
        if (history instanceof Editor editor) {
            return editor.current;
        }
        return copyOf(history, null);
    }

    /** A history read from the database: {@code json} is the column as stored, kept to compare and to extend. */
    static StoredHistory read(List<String> history, String json) {
        return copyOf(history, json);
    }

    private static StoredHistory copyOf(List<String> history, String json) {
        if (history.isEmpty()) {
            return json == null || json.equals(NONE.json) ? NONE : new StoredHistory(SharedPrefix.EMPTY, json, null);
        }
        Object[] items = history.toArray();
        for (Object item : items) {
            Objects.requireNonNull(item, "state");
        }
        return new StoredHistory(SharedPrefix.of(items, items.length), json, null);
    }

    StoredHistory plus(String state) {
        return new StoredHistory(states.append(Objects.requireNonNull(state, "state"), null, false), null, json);
    }

    /** The JSON array stored in {@code conversation.history}. */
    String json() {
        String made = json;
        if (made == null) {
            made = before != null ? StoredJson.appendElement(before, get(size() - 1)) : StoredJson.array(this);
            json = made;
        }
        return made;
    }

    /** An editable view for a machine's extended state; what it ends with is {@link #of its history}. */
    Editor editor() {
        return new Editor(this);
    }

    @Override
    public String get(int index) {
        return (String) states.get(index);
    }

    @Override
    public int size() {
        return states.size();
    }

    /** The history as a mutable list, for the machine's actions; every change makes a new stored history. */
    static final class Editor extends AbstractList<String> implements RandomAccess {

        private StoredHistory current;

        private Editor(StoredHistory current) {
            this.current = current;
        }

        @Override
        public String get(int index) {
            return current.get(index);
        }

        @Override
        public int size() {
            return current.size();
        }

        @Override
        public void add(int index, String state) {
            Objects.requireNonNull(state, "state");
            current = index == current.size() ? current.plus(state)
                    : new StoredHistory(current.states.inserted(index, state), null, null);
            modCount++;
        }

        @Override
        public String remove(int index) {
            String removed = current.get(index);
            current = index == current.size() - 1 ? new StoredHistory(current.states.prefix(index), null, null)
                    : new StoredHistory(current.states.without(index, 1), null, null);
            modCount++;
            return removed;
        }

        @Override
        public String set(int index, String state) {
            String before = current.get(index);
            current = new StoredHistory(current.states.with(index, Objects.requireNonNull(state, "state")), null,
                    null);
            return before;
        }

        @Override
        public void clear() {
            current = NONE;
            modCount++;
        }
    }
}
