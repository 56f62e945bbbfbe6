package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.export.Csv;
import com.discoverytriage.export.ExportRow;
import com.discoverytriage.export.TriageExport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code /triage-export [since] [until]}: the consultant's CSV of triages, attached to a private response. */
final class ExportCommand implements InteractionHandler {

    private final TriageExport export;
    private final Clock clock;
    private final int maxAttachmentBytes;

    ExportCommand(TriageExport export, Clock clock, int maxAttachmentBytes) {
        this.export = export;
        this.clock = clock;
        this.maxAttachmentBytes = maxAttachmentBytes;
    }

    @Override
    public Claim claim() {
        return Claim.command(Interaction.Kind.EXPORT_COMMAND);
    }

    @Override
    public String failureNote() {
        return DataRights.UNAVAILABLE;
    }

    @Override
    public void handle(InteractionContext c) {
        Interaction i = c.interaction();
        if (!i.consultant()) {
            c.note(DataRights.EXPORT_CONSULTANT_ONLY);
            return;
        }
        Optional<LocalDate> since;
        Optional<LocalDate> until;
        try {
            since = date(i.optionValue(DataRights.SINCE_OPTION));
            until = date(i.optionValue(DataRights.UNTIL_OPTION));
        } catch (DateTimeParseException e) {
            c.note(DataRights.BAD_DATE);
            return;
        }
        if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
            c.note(DataRights.BAD_RANGE);
            return;
        }
        Responder r = c.responder();
        CompletableFuture<Void> ack = r.deferReply(true);
        c.whenAcknowledged(ack, () -> {
            List<ExportRow> rows = export.rows(since.map(ExportCommand::startOf).orElse(null),
                    until.map(ExportCommand::startOf).orElse(null));
            if (rows.isEmpty()) {
                c.send(r.editOriginal(ProspectRenderer.note(DataRights.NOTHING_TO_EXPORT)));
                return;
            }
            byte[] csv = Csv.write(export.table(rows)).getBytes(StandardCharsets.UTF_8);
            String range = since.map(LocalDate::toString).orElse("start") + "-"
                    + until.map(LocalDate::toString).orElse(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
            if (csv.length > maxAttachmentBytes) {
                c.send(r.editOriginal(ProspectRenderer.note(tooLarge(rows.size(), csv.length))));
                return;
            }
            String text = rows.size() + (rows.size() == 1 ? " triage" : " triages") + " started "
                    + describe(since, until) + " (UTF-8 CSV, one row per triage, one column per question).";
            c.send(r.editOriginalWithFile(ProspectRenderer.note(text), "triages-" + range + ".csv", csv));
        });
    }

    private String tooLarge(int rows, int bytes) {
        return "The export of " + rows + " triages is " + (bytes / (1024 * 1024) + 1) + " MB, more than Discord "
                + "accepts as an attachment here (" + maxAttachmentBytes / (1024 * 1024) + " MB). Choose a shorter "
                + "range with `since` and `until`, or run the command-line export on the server: "
                + "`java -jar discovery-triage.jar export --since YYYY-MM-DD > triages.csv`.";
    }

    private static String describe(Optional<LocalDate> since, Optional<LocalDate> until) {
        if (since.isEmpty() && until.isEmpty()) {
            return "at any time";
        }
        return since.map(d -> "from " + d).orElse("")
                + (since.isPresent() && until.isPresent() ? " " : "")
                + until.map(d -> "before " + d).orElse("");
    }

    private static Optional<LocalDate> date(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(value.trim()));
    }

    private static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
