package com.discoverytriage.summary;

import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Reply;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.SignalCounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the consultant's {@link TriageSummary} from a stored conversation. */
public final class TriageSummaries {

    private final DiagnosticCatalog catalog;

    public TriageSummaries(DiagnosticCatalog catalog) {
        this.catalog = catalog;
    }

    public TriageSummary of(ConversationSnapshot snapshot) {
        Diagnostic diagnostic = snapshot.diagnosticId() == null ? null : catalog.find(snapshot.diagnosticId()).orElse(null);
        List<TriageSummary.Item> items = new ArrayList<>();
        for (Map.Entry<String, String> answer : snapshot.answers().values().entrySet()) {
            Question question = diagnostic == null ? null : diagnostic.question(answer.getKey()).orElse(null);
            items.add(item(answer.getKey(), question, answer.getValue()));
        }
        Evaluation evaluation = snapshot.evaluation();
        SignalCounts signals = evaluation == null ? null : evaluation.signals();
        // The one-line description travels with the name, so the consultant reads what the prospect was shown.
        String profileTitle = evaluation == null ? null : evaluation.matchedProfile()
                .map(p -> p.description() == null || p.description().isBlank() ? p.title()
                        : p.title() + " (" + p.description().strip() + ")")
                .orElse(null);
        String profileLabel = profileTitle == null || diagnostic == null ? null : diagnostic.profileLabel();
        return new TriageSummary(
                snapshot.triageId(),
                snapshot.prospect().value(),
                snapshot.displayName(),
                snapshot.diagnosticId(),
                diagnostic == null ? null : diagnostic.title(),
                snapshot.diagnosticVersion(),
                snapshot.phase(),
                snapshot.questionNumber(),
                snapshot.questionTotal(),
                snapshot.startedAt(),
                snapshot.finishedAt(),
                items,
                signals,
                evaluation == null ? null : evaluation.outcome(),
                profileLabel,
                profileTitle,
                snapshot.bookingUrl());
    }

    private static TriageSummary.Item item(String questionId, Question question, String value) {
        if (question == null) {
            return new TriageSummary.Item(questionId, null, questionId, value, false);
        }
        if (question.kind() == QuestionKind.TEXT) {
            String shown = value == null || value.isBlank() ? "(skipped)" : value;
            return new TriageSummary.Item(questionId, QuestionKind.TEXT, question.text(), shown, false);
        }
        Reply reply = Reply.parse(value).orElse(null);
        String shown = reply == null ? String.valueOf(value) : reply.label();
        return new TriageSummary.Item(questionId, question.kind(), question.text(), shown, reply == Reply.UNSURE);
    }
}
