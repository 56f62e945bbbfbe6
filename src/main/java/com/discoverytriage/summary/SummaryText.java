package com.discoverytriage.summary;

import java.time.Duration;
import java.util.Locale;

/** Renders a {@link TriageSummary} as plain text for a terminal: what the consultant reads before the call. */
public final class SummaryText {

    private SummaryText() {
    }

    public static String render(TriageSummary s) {
        StringBuilder out = new StringBuilder();
        out.append("Triage summary").append(s.triageId() == null ? "" : " " + s.triageId()).append('\n');
        line(out, "Prospect", s.displayName() == null ? s.prospectId() : s.displayName() + " (" + s.prospectId() + ")");
        if (s.diagnosticId() == null) {
            line(out, "Diagnostic", "not chosen yet");
        } else {
            String title = s.diagnosticTitle() == null ? s.diagnosticId() : s.diagnosticTitle() + " (" + s.diagnosticId() + ")";
            line(out, "Diagnostic", title + (s.diagnosticVersion() == null ? "" : ", file version " + s.diagnosticVersion()));
        }
        line(out, "Started", s.startedAt() == null ? "-" : s.startedAt().toString());
        if (s.finishedAt() != null) {
            line(out, "Finished", s.finishedAt() + took(s.timeTaken()));
        }
        line(out, "Phase", s.phase() == null ? "-" : phase(s));
        if (s.outcome() != null) {
            line(out, "Outcome", (s.outcome().isBook() ? "BOOK: " : "ALTERNATIVE: ") + s.outcome().title()
                    + " [" + s.outcome().id() + ", " + s.outcome().rule() + "]");
            for (String reason : s.outcome().reasons()) {
                out.append("    - ").append(reason).append('\n');
            }
        }
        if (s.profileTitle() != null) {
            line(out, s.profileLabel() == null ? "Profile" : s.profileLabel(), s.profileTitle());
        }
        if (s.signals() != null) {
            String unsure = s.signals().unsure() == 0 ? ""
                    : " (not sure: " + String.join(", ", s.signals().unsureQuestions()) + ")";
            line(out, "Signals", s.signals().yes() + " yes, " + s.signals().no() + " no, " + s.signals().unsure()
                    + " not sure" + unsure);
        }
        if (s.outcome() != null && s.outcome().isBook()) {
            line(out, "Booking", s.bookingUrl() == null ? "no booking link configured: reach out to them" : s.bookingUrl());
        }
        out.append("Answers:\n");
        if (s.answers().isEmpty()) {
            out.append("    (none yet)\n");
        }
        int n = 1;
        for (TriageSummary.Item item : s.answers()) {
            out.append(String.format(Locale.ROOT, "%4d. %s\n", n++, item.question()));
            out.append("      ").append(item.answer()).append(item.flagged() ? "   <- not sure: raise it on the call" : "")
                    .append('\n');
        }
        return out.toString();
    }

    private static String phase(TriageSummary s) {
        String phase = s.phase().name().toLowerCase(Locale.ROOT);
        return switch (s.phase()) {
            case ASKING -> phase + " (question " + s.questionNumber() + " of " + s.questionTotal() + ")";
            default -> phase;
        };
    }

    private static String took(Duration d) {
        if (d == null) {
            return "";
        }
        long seconds = d.getSeconds();
        return seconds < 60 ? " (took " + seconds + " s)" : " (took " + (seconds / 60) + " min " + (seconds % 60) + " s)";
    }

    private static void line(StringBuilder out, String label, String value) {
        String key = label + ":";
        out.append(key).append(" ".repeat(Math.max(1, 12 - key.length()))).append(value).append('\n');
    }
}
