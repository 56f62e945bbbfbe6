package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import java.util.Optional;

/**
 * The stored states of a conversation and the machine's states. A question's stored state is
 * {@code Q:<diagnostic>:<question>}, so a stored state names exactly where the prospect stands, readable in the
 * database; in the machine every question is the one {@link #ASKING} state with the cursor on that question.
 */
final class ConversationStates {

    static final String ROUTING = "ROUTING";
    static final String REVIEW = "REVIEW";
    static final String DECIDED = "DECIDED";
    static final String CANCELLED = "CANCELLED";
    /** The machine's state while a question is asked (never stored: the stored state names the question). */
    static final String ASKING = "ASKING";

    private static final String QUESTION_PREFIX = "Q:";

    private ConversationStates() {
    }

    static String question(String diagnosticId, String questionId) {
        return QUESTION_PREFIX + diagnosticId + ":" + questionId;
    }

    static String question(Diagnostic diagnostic, Question question) {
        return question(diagnostic.id(), question.id());
    }

    static String first(Diagnostic diagnostic) {
        return question(diagnostic, diagnostic.questions().get(0));
    }

    static boolean isQuestion(String state) {
        return state.startsWith(QUESTION_PREFIX);
    }

    /** The question a question state stands for, if the catalog still has it. */
    static Optional<Question> questionOf(DiagnosticCatalog catalog, String state) {
        if (!isQuestion(state)) {
            return Optional.empty();
        }
        String rest = state.substring(QUESTION_PREFIX.length());
        int colon = rest.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        return catalog.find(rest.substring(0, colon)).flatMap(d -> d.question(rest.substring(colon + 1)));
    }

    static Phase phase(String state) {
        if (isQuestion(state)) {
            return Phase.ASKING;
        }
        return switch (state) {
            case ROUTING -> Phase.ROUTING;
            case REVIEW -> Phase.REVIEW;
            case DECIDED -> Phase.DECIDED;
            default -> Phase.CANCELLED;
        };
    }

    static boolean isActive(String state) {
        Phase phase = phase(state);
        return phase == Phase.ROUTING || phase == Phase.ASKING || phase == Phase.REVIEW;
    }
}
