package com.discoverytriage.discord.card;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.interaction.DiscordProspects;
import com.discoverytriage.discord.render.DiscordText;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.BookingLinks;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.discord.render.MessageSpec.Button;
import com.discoverytriage.discord.render.MessageSpec.Embed;
import com.discoverytriage.discord.render.MessageSpec.Row;
import com.discoverytriage.scoring.Outcome;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.OutboxRow;
import com.discoverytriage.summary.SummaryOutbox;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The consultant's actions on a lead. Each lead change and the card's new revision (the outbox row) are written in
 * one transaction, so a card never misses a change and never shows one that was not stored. The DM of an override
 * is sent outside any transaction (it may take seconds).
 */
public class LeadDesk implements ConsultantDesk {

    static final String DMS_CLOSED = "The prospect's DMs are closed: tell them yourself.";
    static final String DM_FAILED = "The DM to the prospect failed: tell them yourself.";
    static final String NOT_ON_DISCORD = "The prospect is not on Discord: tell them yourself.";
    static final String UNKNOWN = "That triage is not known any more.";

    private static final Logger log = LoggerFactory.getLogger(LeadDesk.class);

    private final LeadRecords leads;
    private final SummaryOutbox outbox;
    private final ConversationService conversations;
    private final DiagnosticCatalog catalog;
    private final Optional<BookingLinks> bookingLinks;
    private final DirectMessages dms;
    private final ClosedDms closedDms;
    private final TransactionOperations tx;

    public LeadDesk(LeadRecords leads, SummaryOutbox outbox, ConversationService conversations, DiagnosticCatalog catalog,
            Optional<BookingLinks> bookingLinks, DirectMessages dms, ClosedDms closedDms, TransactionOperations tx) {
        this.leads = leads;
        this.outbox = outbox;
        this.conversations = conversations;
        this.catalog = catalog;
        this.bookingLinks = bookingLinks;
        this.dms = dms;
        this.closedDms = closedDms;
        this.tx = tx;
    }

    @Override
    public String setStatus(String triageId, LeadState.Status status, String consultant) {
        if (outbox.find(triageId).isEmpty()) {
            return UNKNOWN;
        }
        tx.executeWithoutResult(t -> {
            leads.setStatus(triageId, status, consultant);
            outbox.touch(triageId);
        });
        return "Lead marked: " + status.label() + ".";
    }

    @Override
    public String overrideToBook(String triageId, String consultant) {
        Optional<OutboxRow> row = outbox.find(triageId);
        if (row.isEmpty()) {
            return UNKNOWN;
        }
        Outcome outcome = row.get().summary().outcome();
        if (outcome == null) {
            return "This triage has no outcome yet: nothing to override.";
        }
        if (outcome.isBook()) {
            return "The rules already book this prospect.";
        }
        // recorded first and only once: a double click never sends a second DM
        Boolean first = tx.execute(t -> {
            boolean changed = leads.override(triageId, consultant);
            if (changed) {
                outbox.touch(triageId);
            }
            return changed;
        });
        if (!Boolean.TRUE.equals(first)) {
            return "Already overridden: " + Optional.ofNullable(leads.find(triageId).overrideBy()).orElse("someone") + " booked this prospect.";
        }
        ProspectId prospect = new ProspectId(row.get().prospectId());
        String link = conversations.find(prospect)
                .filter(s -> triageId.equals(s.triageId()) && s.evaluation() != null && s.diagnosticId() != null)
                .flatMap(this::bookingLink)
                .orElse(null);
        String note = tell(prospect, link);
        if (note != null) {
            tx.executeWithoutResult(t -> {
                leads.note(triageId, note);
                outbox.touch(triageId);
            });
        }
        return "Outcome overridden: book. " + (note == null ? "The prospect was told by DM." : note);
    }

    /** The rules sent this prospect elsewhere, so the link is asked for as a consultant-approved booking. */
    private Optional<String> bookingLink(ConversationSnapshot s) {
        return bookingLinks.flatMap(b -> catalog.find(s.diagnosticId())
                .flatMap(d -> b.linkForApprovedBooking(s.triageId(), s.displayName(), d, s.evaluation())));
    }

    /** Tells the prospect by DM; answers a note for the card when that was not possible. */
    private String tell(ProspectId prospect, String link) {
        OptionalLong userId = DiscordProspects.userId(prospect);
        if (userId.isEmpty()) {
            return NOT_ON_DISCORD;
        }
        if (closedDms.closed(userId.getAsLong())) {
            return DMS_CLOSED;
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
                return DMS_CLOSED;
            }
            log.warn("could not tell the prospect of an override: {}", f);
            return DM_FAILED;
        }
    }

    @Override
    public void talkAnyway(String triageId) {
        tx.executeWithoutResult(t -> {
            if (leads.flagTalkAnyway(triageId)) {
                outbox.touch(triageId);
            }
        });
    }
}
