package com.discoverytriage.export;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.summary.LeadLifecycle;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.LeadState;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every triage started in a date range, decided or not, one row each: for the consultant's own spreadsheet
 * ({@code /triage-export}, {@code export --format csv|json}).
 */
public class TriageExport {

    static final List<String> FIXED = List.of("triage_id", "started_at", "finished_at", "prospect", "display_name",
            "diagnostic", "outcome_kind", "outcome", "status", "booking_time");

    private final FinishedTriages finished;
    private final StoredConversations stored;
    private final ConversationService conversations;
    private final LeadRecords leads;
    private final DiagnosticCatalog catalog;

    public TriageExport(FinishedTriages finished, StoredConversations stored, ConversationService conversations,
            LeadRecords leads, DiagnosticCatalog catalog) {
        this.finished = finished;
        this.stored = stored;
        this.conversations = conversations;
        this.leads = leads;
        this.catalog = catalog;
    }

    /** Triages started at or after {@code since} and before {@code until} (either may be null), oldest first. */
    public List<ExportRow> rows(Instant since, Instant until) {
        List<ExportRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        // the range is the database's to filter: a one-day export of a year of triages reads one day
        finished.forEachStarted(since, until, t -> {
            if (seen.add(t.triageId())) {
                LeadState lead = leads.find(t.triageId());
                rows.add(new ExportRow(t.triageId(), t.startedAt(), t.finishedAt(), t.prospect().value(),
                        t.displayName(), t.diagnosticId(), t.outcomeKind(), t.outcomeId(), status(lead, "decided"),
                        meeting(lead), t.answers().values()));
            }
        });
        for (ProspectId prospect : stored.undecided(since, until)) {
            conversations.find(prospect)
                    .filter(s -> inRange(s.startedAt(), since, until) && seen.add(s.triageId()))
                    .ifPresent(s -> rows.add(inProgress(s)));
        }
        rows.sort(Comparator.comparing(ExportRow::startedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(ExportRow::triageId));
        return rows;
    }

    private ExportRow inProgress(ConversationSnapshot s) {
        LeadState lead = leads.find(s.triageId());
        String phase = s.phase().name().toLowerCase(Locale.ROOT);
        return new ExportRow(s.triageId(), s.startedAt(), s.finishedAt(), s.prospect().value(), s.displayName(),
                s.diagnosticId(), null, null, status(lead, phase), meeting(lead), s.answers().values());
    }

    /** Header and one line per triage; one answer column per question ("diagnostic.question"). */
    public List<List<String>> table(List<ExportRow> rows) {
        List<String> answerColumns = answerColumns(rows);
        List<List<String>> table = new ArrayList<>();
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(answerColumns);
        table.add(header);
        for (ExportRow r : rows) {
            List<String> line = new ArrayList<>(List.of(r.triageId(), iso(r.startedAt()), iso(r.finishedAt()),
                    r.prospectId(), nz(r.displayName()), nz(r.diagnosticId()), nz(r.outcomeKind()), nz(r.outcomeId()),
                    nz(r.status()), iso(r.meetingAt())));
            for (String column : answerColumns) {
                int dot = column.indexOf('.');
                boolean mine = column.substring(0, dot).equals(r.diagnosticId());
                line.add(mine ? nz(r.answers().get(column.substring(dot + 1))) : "");
            }
            table.add(line);
        }
        return table;
    }

    public String csv(Instant since, Instant until) {
        return Csv.write(table(rows(since, until)));
    }

    public String json(Instant since, Instant until) {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode array = mapper.createArrayNode();
        for (ExportRow r : rows(since, until)) {
            ObjectNode o = array.addObject();
            o.put("triageId", r.triageId());
            o.put("startedAt", iso(r.startedAt()));
            o.put("finishedAt", r.finishedAt() == null ? null : iso(r.finishedAt()));
            o.put("prospect", r.prospectId());
            o.put("displayName", r.displayName());
            o.put("diagnostic", r.diagnosticId());
            o.put("outcomeKind", r.outcomeKind());
            o.put("outcome", r.outcomeId());
            o.put("status", r.status());
            o.put("bookingTime", r.meetingAt() == null ? null : iso(r.meetingAt()));
            ObjectNode answers = o.putObject("answers");
            r.answers().forEach(answers::put);
        }
        try {
            return mapper.writeValueAsString(array);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the export as JSON", e);
        }
    }

    private List<String> answerColumns(List<ExportRow> rows) {
        Set<String> columns = new LinkedHashSet<>();
        Set<String> diagnostics = new LinkedHashSet<>();
        rows.forEach(r -> diagnostics.add(r.diagnosticId()));
        for (Diagnostic d : catalog.diagnostics()) {
            if (diagnostics.contains(d.id())) {
                for (Question q : d.questions()) {
                    columns.add(d.id() + "." + q.id());
                }
            }
        }
        for (ExportRow r : rows) {
            if (r.diagnosticId() != null) {
                r.answers().keySet().forEach(q -> columns.add(r.diagnosticId() + "." + q));
            }
        }
        return List.copyOf(columns);
    }

    private static String status(LeadState lead, String otherwise) {
        LeadLifecycle lifecycle = lead.lifecycle();
        if (lifecycle != null) {
            return lifecycle.label();
        }
        return lead.status() != null ? lead.status().label().toLowerCase(Locale.ROOT) : otherwise;
    }

    private static Instant meeting(LeadState lead) {
        return lead.lifecycle() == null ? null : lead.lifecycle().meetingAt();
    }

    private static boolean inRange(Instant at, Instant since, Instant until) {
        return at != null && (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }

    private static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    private static String nz(String value) {
        return value == null ? "" : value;
    }
}
