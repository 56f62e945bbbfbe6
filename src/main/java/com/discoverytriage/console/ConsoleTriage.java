package com.discoverytriage.console;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.summary.SummaryJson;
import com.discoverytriage.summary.SummaryText;
import com.discoverytriage.summary.TriageSummaries;
import com.discoverytriage.summary.TriageSummary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The triage in a terminal: the same {@link ConversationService} as the bot, one question at a time, one answer a
 * line. Ends with the outcome as the prospect sees it and the summary as the consultant sees it; with
 * {@code json}, the last line written is the summary as one JSON object.
 */
public final class ConsoleTriage {

    public static final int OK = 0;
    public static final int USAGE = 2;
    private static final String PREFIX = "console:";

    /**
     * @param echo write each answer read after its prompt: for piped input, so the output reads as a transcript
     */
    public record Options(String diagnosticId, String displayName, boolean json, boolean echo) {
    }

    private final ConversationService service;
    private final DiagnosticCatalog catalog;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;

    public ConsoleTriage(ConversationService service, DiagnosticCatalog catalog, BufferedReader in, PrintStream out,
            PrintStream err) {
        this.service = service;
        this.catalog = catalog;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    /**
     * {@code console:<16 hex digits>}, a hash of the name (lower case, spaces folded): the same name resumes the same
     * conversation, and the id, which is logged, says nothing about the name.
     */
    public static ProspectId prospectFor(String displayName) {
        String slug = displayName == null ? "" : displayName.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    ("console-name:" + (slug.isEmpty() ? "local" : slug)).getBytes(StandardCharsets.UTF_8));
            return new ProspectId(PREFIX + HexFormat.of().formatHex(digest, 0, 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** True for an id {@link #prospectFor} made (as opposed to {@code console:NAME} typed by an operator). */
    public static boolean isOpaque(String prospectId) {
        return prospectId.matches(PREFIX + "[0-9a-f]{16}");
    }

    public int run(Options options) {
        if (options.diagnosticId() != null && catalog.find(options.diagnosticId()).isEmpty()) {
            err.println("Error: unknown diagnostic '" + options.diagnosticId() + "'; known: "
                    + catalog.diagnostics().stream().map(Diagnostic::id).collect(Collectors.joining(", ")));
            return USAGE;
        }
        ProspectId prospect = prospectFor(options.displayName());
        boolean ended = service.find(prospect)
                .filter(s -> s.phase() == Phase.DECIDED || s.phase() == Phase.CANCELLED).isPresent();
        if (ended) {
            out.println("Your previous triage has ended; starting a new one.");
        }
        View view = service.handle(prospect, new Command.Start(options.diagnosticId(), options.displayName()));
        if (ended(view)) {
            view = service.handle(prospect, new Command.Restart());
        }
        while (true) {
            out.print(ViewText.render(view, this::profileLabel));
            View current = current(view);
            if (ended(current)) {
                finish(prospect, options, current instanceof View.OutcomeView);
                return OK;
            }
            Optional<View> next = Optional.empty();
            while (next.isEmpty()) {
                out.print("> ");
                String line = readLine();
                if (line == null) {
                    stopped(prospect, options, current);
                    return OK;
                }
                if (options.echo()) {
                    out.println(line);
                }
                Optional<Command> command = ConsoleInput.interpret(current, line);
                if (command.isPresent()) {
                    // the step of the question shown: another session that moved on makes this a notice, not an
                    // answer stored against a question this terminal never showed
                    next = Optional.of(service.handle(prospect, command.get(), current.step()));
                } else {
                    out.println(ConsoleInput.notUnderstood(current, line));
                }
            }
            view = next.get();
        }
    }

    private void finish(ProspectId prospect, Options options, boolean decided) {
        Optional<TriageSummary> summary = summary(prospect);
        if (decided && summary.isPresent()) {
            out.println();
            out.println("---- For the consultant ----");
            out.print(SummaryText.render(summary.get()));
        }
        summary.filter(s -> options.json()).ifPresent(s -> out.println(SummaryJson.render(s)));
    }

    private void stopped(ProspectId prospect, Options options, View current) {
        out.println();
        out.println("Input ended at " + where(current) + ". Your answers so far are saved:"
                + " run the console again with the same name to carry on.");
        summary(prospect).filter(s -> options.json()).ifPresent(s -> out.println(SummaryJson.render(s)));
    }

    private Optional<TriageSummary> summary(ProspectId prospect) {
        Optional<ConversationSnapshot> snapshot = service.find(prospect);
        return snapshot.map(s -> new TriageSummaries(catalog).of(s));
    }

    private String profileLabel(String diagnosticId) {
        return diagnosticId == null ? null : catalog.find(diagnosticId).map(Diagnostic::profileLabel).orElse(null);
    }

    private static String where(View view) {
        if (view instanceof View.QuestionView q) {
            return q.diagnosticId() == null ? "the first question (which diagnostic fits)"
                    : "question " + q.number() + " of " + q.total();
        }
        return view instanceof View.ReviewView ? "the review of your answers" : "the end";
    }

    private static View current(View view) {
        View current = view;
        while (current instanceof View.NoticeView notice) {
            current = notice.current();
        }
        return current;
    }

    private static boolean ended(View view) {
        View current = current(view);
        return current instanceof View.OutcomeView || current instanceof View.EndedView;
    }

    private String readLine() {
        try {
            return in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console input", e);
        }
    }
}
