package com.discoverytriage.diagnostic;

import java.util.List;
import java.util.stream.Collectors;

/** The conversation files cannot be used; carries every problem found, not just the first. */
public final class InvalidConversationFilesException extends RuntimeException {

    private final List<ConversationFileProblem> problems;

    public InvalidConversationFilesException(List<ConversationFileProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in the conversation files:\n"
                + problems.stream().map(p -> "  - " + p).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<ConversationFileProblem> problems() {
        return problems;
    }
}
