package com.discoverytriage.conversation;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The triage data a conversation machine carries in its extended state: what is restored into a pooled machine
 * before an event and read back after it.
 *
 * @param answers answers by question id, in the order given
 * @param history the states asked so far, the current (or last) question last; Back walks it backwards
 */
record ConversationData(
        String triageId,
        String diagnosticId,
        Map<String, String> answers,
        List<String> history,
        Instant startedAt,
        Instant finishedAt,
        String outcomeKind,
        String outcomeId) {

    static final String TRIAGE_ID = "triageId";
    static final String DIAGNOSTIC = "diagnostic";
    static final String ANSWERS = "answers";
    static final String HISTORY = "history";
    static final String STARTED_AT = "startedAt";
    static final String FINISHED_AT = "finishedAt";
    static final String OUTCOME_KIND = "outcomeKind";
    static final String OUTCOME_ID = "outcomeId";
    /** Set by an action that failed, so the service refuses the change instead of storing half of it. */
    static final String ERROR = "error";
    /**
     * Machine only, not stored with the data: where the prospect stands among the questions (a question's stored
     * state), or routing / review when the last move left the questions.
     */
    static final String CURSOR = "cursor";
    /** Set by every transition's action: proof that the event changed something. */
    static final String TRANSITIONED = "transitioned";

    /** Immutable: the answers and history are {@link StoredAnswers} and {@link StoredHistory}, shared, not copied. */
    ConversationData {
        answers = StoredAnswers.of(answers);
        history = StoredHistory.of(history);
    }

    StoredAnswers storedAnswers() {
        return (StoredAnswers) answers;
    }

    StoredHistory storedHistory() {
        return (StoredHistory) history;
    }

    /**
     * Fresh, mutable variables for a machine's extended state (the machine's actions change them in place; the
     * answers and history are editors over this data's, which they leave as they are).
     */
    Map<Object, Object> toVariables() {
        Map<Object, Object> variables = new HashMap<>();
        putVariables(variables);
        return variables;
    }

    /** Puts this data into a machine's (empty) extended state, as {@link #toVariables} does. */
    void putVariables(Map<Object, Object> variables) {
        variables.put(TRIAGE_ID, triageId);
        putIfSet(variables, DIAGNOSTIC, diagnosticId);
        variables.put(ANSWERS, storedAnswers().editor());
        variables.put(HISTORY, storedHistory().editor());
        variables.put(STARTED_AT, startedAt);
        putIfSet(variables, FINISHED_AT, finishedAt);
        putIfSet(variables, OUTCOME_KIND, outcomeKind);
        putIfSet(variables, OUTCOME_ID, outcomeId);
    }

    @SuppressWarnings("unchecked")
    static ConversationData fromVariables(Map<Object, Object> variables) {
        return new ConversationData(
                (String) variables.get(TRIAGE_ID),
                (String) variables.get(DIAGNOSTIC),
                (Map<String, String>) variables.get(ANSWERS),
                (List<String>) variables.get(HISTORY),
                (Instant) variables.get(STARTED_AT),
                (Instant) variables.get(FINISHED_AT),
                (String) variables.get(OUTCOME_KIND),
                (String) variables.get(OUTCOME_ID));
    }

    private static void putIfSet(Map<Object, Object> variables, String key, Object value) {
        if (value != null) {
            variables.put(key, value);
        }
    }
}
