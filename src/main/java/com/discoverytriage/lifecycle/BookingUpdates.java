package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.SummaryOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bookings confirmed (or cancelled) by the calendar: matched to a triage by its reference, shown on its card. */
public class BookingUpdates {

    private final JdbcTemplate jdbc;
    private final StoredConversations conversations;
    private final LifecycleStore store;
    private final SummaryOutbox cards;
    private final Clock clock;

    public BookingUpdates(JdbcTemplate jdbc, StoredConversations conversations, LifecycleStore store,
            SummaryOutbox cards, Clock clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.store = store;
        this.cards = cards;
        this.clock = clock;
    }

    /** A triage known by this reference (the triage id the bot put in the booking URL). */
    public record Match(String triageId, String prospectId) {
    }

    public Optional<Match> match(String reference) {
        if (reference == null || reference.isBlank() || reference.length() > 64) {
            return Optional.empty();
        }
        // the card outbox still knows a triage whose conversation was restarted before the booking arrived
        return conversations.prospectOf(reference).map(p -> new Match(reference, p.value()))
                .or(() -> jdbc.query("SELECT triage_id, prospect_id FROM summary_outbox WHERE triage_id = ?",
                        (rs, n) -> new Match(rs.getString(1), rs.getString(2)), reference).stream().findFirst());
    }

    /** Moves the card to booked (with the meeting time) or booking cancelled. */
    public void booking(Match match, boolean booked, Instant meetingAt, String provider) {
        if (store.booking(match.triageId(), match.prospectId(), booked ? Stage.BOOKED : Stage.BOOKING_CANCELLED,
                meetingAt, provider, clock.instant())) {
            cards.touch(match.triageId());
        }
    }
}
