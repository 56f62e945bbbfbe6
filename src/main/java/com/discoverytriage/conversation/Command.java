package com.discoverytriage.conversation;

/** What a prospect can do, whatever the transport. */
public sealed interface Command {

    /**
     * Start a triage, or show the one in progress. {@code diagnosticId} may be null: the routing question is asked
     * first.
     */
    record Start(String diagnosticId, String displayName) implements Command {

        public Start {
            // every transport's name passes here: no newline or escape sequence is ever stored or echoed
            displayName = DisplayNames.clean(displayName);
        }
    }

    /** Answer the current question: a {@code Reply} id, a route's diagnostic id, or free text. */
    record Answer(String value) implements Command {
    }

    /** Go back to the previous question (from a question, the review or the outcome). */
    record Back() implements Command {
    }

    /** Drop every answer and start again from the first question. */
    record Restart() implements Command {
    }

    /** End the conversation without an outcome. */
    record Cancel() implements Command {
    }

    /** From the review: accept the answers and see the outcome. */
    record Confirm() implements Command {
    }

    /** Show where the conversation stands, changing nothing (a prospect coming back later). */
    record Show() implements Command {
    }
}
