package com.discoverytriage.diagnostic;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns invalid conversation files at start-up into a list of problems (description) and fixes (action). */
public class ConversationFilesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConversationFilesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConversationFilesException cause) {
        int n = cause.problems().size();
        String description = "The conversation files are invalid (" + n + (n == 1 ? " problem" : " problems") + "):\n"
                + cause.problems().stream()
                        .map(p -> "  - " + p.file() + ": " + p.path() + ": " + p.message())
                        .collect(Collectors.joining("\n"));
        String action = "Fix the conversation files, then check them with "
                + "'java -jar target/discovery-triage.jar validate <dir>' before starting again:\n"
                + cause.problems().stream()
                        .map(p -> "  - " + p.file() + ": " + p.path() + ": " + p.fix())
                        .collect(Collectors.joining("\n"));
        return new FailureAnalysis(description, action, cause);
    }
}
