package com.discoverytriage.discord;

import com.discoverytriage.conversation.BookingLinks;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.discord.MessageSpec.Button;
import com.discoverytriage.discord.MessageSpec.Embed;
import com.discoverytriage.discord.MessageSpec.Row;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.OutboxRow;
import com.discoverytriage.summary.SummaryOutbox;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The consultant's actions on a lead, recorded in the database; each marks the card for an edit. */
class LeadDesk implements ConsultantDesk {

    private static final Logger log = LoggerFactory.getLogger(LeadDesk.class);

    private final LeadRecords leads;
    private final SummaryOutbox outbox;
    private final ConversationService conversations;
    private final DiagnosticCatalog catalog;
    private final Optional<BookingLinks> bookingLinks;
    private final DirectMessages dms;
    private final ClosedDms closedDms;

    LeadDesk(LeadRecords leads, SummaryOutbox outbox, ConversationService conversations, DiagnosticCatalog catalog,
            Optional<BookingLinks> bookingLinks, DirectMessages dms, ClosedDms closedDms) {
        this.leads = leads;
        this.outbox = outbox;
        this.conversations = conversations;
        this.catalog = catalog;
        this.bookingLinks = bookingLinks;
        this.dms = dms;
        this.closedDms = closedDms;
    }

    @Override
    public String setStatus(String triageId, LeadState.Status status, String consultant) {
        leads.setStatus(triageId, status, consultant);
        outbox.touch(triageId);
        return "Lead marked: " + status.label() + ".";
    }

    @Override
    public String overrideToBook(String triageId, String consultant) {
        Optional<OutboxRow> row = outbox.find(triageId);
        if (row.isEmpty()) {
            return "That triage is not known any more.";
        }
        ProspectId prospect = new ProspectId(row.get().prospectId());
        String link = conversations.find(prospect)
                .filter(s -> triageId.equals(s.triageId()) && s.evaluation() != null && s.diagnosticId() != null)
                .flatMap(this::bookingLink)
                .orElse(null);
        String note = tell(prospect, link);
        leads.override(triageId, consultant, note);
        outbox.touch(triageId);
        return "Outcome overridden: book. " + (note == null ? "The prospect was told by DM." : note);
    }

    private Optional<String> bookingLink(ConversationSnapshot s) {
        return bookingLinks.flatMap(b -> b.linkFor(s.triageId(), s.displayName(), catalog.require(s.diagnosticId()), s.evaluation()));
    }

    /** Tells the prospect by DM; answers a note for the card when that was not possible. */
    private String tell(ProspectId prospect, String link) {
        OptionalLong userId = DiscordProspects.userId(prospect);
        if (userId.isEmpty()) {
            return "The prospect is not on Discord: tell them yourself.";
        }
        if (closedDms.closed(userId.getAsLong())) {
            return "The prospect's DMs are closed: tell them yourself.";
        }
        Embed embed = new Embed("Let's talk", "Good news: after looking at your fit check, the consultant would like to "
                + "offer you a strategy call." + (link == null ? " They will reach out to you." : ""),
                ProspectRenderer.BOOK_COLOR, List.of(), null);
        List<Row> rows = link == null || link.length() > DiscordText.URL ? List.of()
                : List.of(Row.of(Button.link("Book your strategy call", link)));
        try {
            dms.send(userId.getAsLong(), MessageSpec.of(null, embed, rows));
            return null;
        } catch (RuntimeException e) {
            DiscordFailure f = DiscordFailure.of(e);
            if (f.dmClosed()) {
                closedDms.markClosed(userId.getAsLong());
                return "The prospect's DMs are closed: tell them yourself.";
            }
            log.warn("could not tell the prospect of an override: {}", f);
            return "The DM to the prospect failed: tell them yourself.";
        }
    }

    @Override
    public void talkAnyway(ProspectId prospect) {
        conversations.find(prospect).map(ConversationSnapshot::triageId).ifPresent(triageId -> {
            leads.flagTalkAnyway(triageId);
            outbox.touch(triageId);
        });
    }
}
