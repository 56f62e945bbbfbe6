package com.discoverytriage.cli;

import com.discoverytriage.conversation.FinishedTriage;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.scoring.Rules;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code rescore}: applies the current files to every stored finished triage and lists those whose outcome would
 * change, so a rule edit can be checked against real past triages before it goes live.
 */
public final class Rescore {

    private final DiagnosticCatalog catalog;
    private final Rules rules;
    private final FinishedTriages finished;

    public Rescore(DiagnosticCatalog catalog, Rules rules, FinishedTriages finished) {
        this.catalog = catalog;
        this.rules = rules;
        this.finished = finished;
    }

    public int run(String diagnosticId, PrintStream out, PrintStream err) {
        if (diagnosticId != null && catalog.find(diagnosticId).isEmpty()) {
            err.println("Error: unknown diagnostic '" + diagnosticId + "'; known: "
                    + catalog.diagnostics().stream().map(Diagnostic::id).collect(Collectors.joining(", ")));
            return Cli.USAGE;
        }
        List<FinishedTriage> triages = finished.findAll(diagnosticId);
        int changed = 0;
        for (FinishedTriage triage : triages) {
            Optional<String> change = change(triage);
            if (change.isPresent()) {
                changed++;
                out.println(change.get());
            }
        }
        out.println(changed + " of " + triages.size() + (triages.size() == 1 ? " finished triage" : " finished triages")
                + " would change" + (diagnosticId == null ? "" : " (" + diagnosticId + ")") + ".");
        return Cli.OK;
    }

    private Optional<String> change(FinishedTriage triage) {
        String stored = triage.outcomeKind() + ":" + triage.outcomeId();
        String who = triage.triageId() + "  " + (triage.displayName() == null ? triage.prospect().value() : triage.displayName());
        Optional<Diagnostic> diagnostic = catalog.find(triage.diagnosticId());
        if (diagnostic.isEmpty()) {
            return Optional.of(who + "  " + stored + " -> (diagnostic '" + triage.diagnosticId() + "' no longer exists)");
        }
        Outcome now = rules.evaluate(diagnostic.get(), triage.answers()).outcome();
        String current = now.kind().id() + ":" + now.id();
        if (current.equals(stored)) {
            return Optional.empty();
        }
        String versions = diagnostic.get().version().equals(triage.diagnosticVersion()) ? ""
                : "  (scored with file version " + triage.diagnosticVersion() + ", now " + diagnostic.get().version() + ")";
        return Optional.of(who + "  " + stored + " -> " + current + versions);
    }
}
