package com.discoverytriage.stats;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A diagnostic's questions by position, and the {@code stats_progress.replies} string made from a triage's answers:
 * one character per question in the file's order, up to the last one reached (see the V70 migration).
 */
final class QuestionPositions {

    static final char YES = 'y';
    static final char NO = 'n';
    static final char UNSURE = 'u';
    static final char TEXT = 't';
    static final char SKIPPED = 's';
    /** On screen when the prospect last acted, not answered. */
    static final char OPEN = 'o';
    static final char NOT_REACHED = '-';
    /** Separates question ids in {@code stats_question_list.question_ids} (ids are single-line YAML keys). */
    static final String SEPARATOR = "\n";

    private final List<Question> questions;
    private final Map<String, Integer> byId = new HashMap<>();

    QuestionPositions(Diagnostic diagnostic) {
        this.questions = List.copyOf(diagnostic.questions());
        for (int i = 0; i < questions.size(); i++) {
            byId.put(questions.get(i).id(), i);
        }
    }

    static String join(Diagnostic diagnostic) {
        return String.join(SEPARATOR, diagnostic.questions().stream().map(Question::id).toList());
    }

    /**
     * @param answers    question id to stored answer
     * @param onScreen   1-based number of the question on screen, 0 when none counts as reached unanswered
     */
    String replies(Map<String, String> answers, int onScreen) {
        byte[] replies = new byte[questions.size()];
        Arrays.fill(replies, (byte) NOT_REACHED);
        answers.forEach((id, value) -> {
            Integer at = byId.get(id);
            if (at != null && value != null) {
                replies[at] = (byte) classOf(questions.get(at), value);
            }
        });
        if (onScreen >= 1 && onScreen <= replies.length && replies[onScreen - 1] == NOT_REACHED) {
            replies[onScreen - 1] = (byte) OPEN;
        }
        int length = replies.length;
        while (length > 0 && replies[length - 1] == NOT_REACHED) {
            length--;
        }
        return length == 0 ? "" : new String(replies, 0, length, StandardCharsets.ISO_8859_1);
    }

    static char classOf(Question question, String value) {
        if (question.kind() == QuestionKind.TEXT) {
            return value.isBlank() ? SKIPPED : TEXT;
        }
        switch (value) { // the stored forms: no parsing, no allocation on the answer path
            case "yes":
                return YES;
            case "no":
                return NO;
            case "unsure":
                return UNSURE;
            default:
                return Reply.parse(value).map(r -> switch (r) {
                    case YES -> YES;
                    case NO -> NO;
                    case UNSURE -> UNSURE;
                }).orElse(SKIPPED);
        }
    }

    static boolean reached(char reply) {
        return reply != NOT_REACHED;
    }

    static boolean answered(char reply) {
        return reply == YES || reply == NO || reply == UNSURE;
    }
}
