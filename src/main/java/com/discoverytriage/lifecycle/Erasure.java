package com.discoverytriage.lifecycle;

import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.summary.TriageSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Removes what is stored about given triages outside the conversation tables: lead status and events, webhook
 * receipts, lifecycle rows, and the card's content. A card already posted in Discord keeps an empty row (triage
 * id only) until it has been edited to say why it is empty; the retention purge then drops that row too.
 */
class Erasure {

    static final String ERASED_PROSPECT = "erased";

    private final JdbcTemplate jdbc;
    private final LifecycleStore store;
    private final SummaryOutbox cards;

    Erasure(JdbcTemplate jdbc, LifecycleStore store, SummaryOutbox cards) {
        this.jdbc = jdbc;
        this.store = store;
        this.cards = cards;
    }

    /** Answers how many posted cards will be edited to say {@code why}. */
    int eraseTriages(Collection<String> triageIds, Stage why, Instant now) {
        int cardsToEdit = 0;
        for (String triageId : triageIds) {
            jdbc.update("DELETE FROM lead_event WHERE triage_id = ?", triageId);
            jdbc.update("DELETE FROM lead_state WHERE triage_id = ?", triageId);
            jdbc.update("DELETE FROM booking_webhook_receipt WHERE triage_id = ?", triageId);
            boolean posted = jdbc.queryForObject("SELECT COUNT(*) FROM summary_outbox WHERE triage_id = ?"
                    + " AND message_id IS NOT NULL", Integer.class, triageId) > 0;
            if (posted) {
                cards.record(blank(triageId));
                jdbc.update("UPDATE summary_outbox SET prospect_id = ?, last_error = NULL WHERE triage_id = ?",
                        ERASED_PROSPECT, triageId);
                store.gone(triageId, why, now);
                cardsToEdit++;
            } else {
                jdbc.update("DELETE FROM summary_outbox WHERE triage_id = ?", triageId);
                jdbc.update("DELETE FROM lead_lifecycle WHERE triage_id = ?", triageId);
            }
        }
        return cardsToEdit;
    }

    /** Empty cards that Discord already shows as erased or purged: nothing left to keep. */
    int dropDeliveredBlanks() {
        List<String> done = jdbc.queryForList("SELECT o.triage_id FROM summary_outbox o JOIN lead_lifecycle l"
                + " ON l.triage_id = o.triage_id WHERE l.stage IN (?, ?) AND o.delivered_revision >= o.revision",
                String.class, Stage.ERASED.id(), Stage.PURGED.id());
        for (String triageId : done) {
            jdbc.update("DELETE FROM summary_outbox WHERE triage_id = ?", triageId);
            jdbc.update("DELETE FROM lead_lifecycle WHERE triage_id = ?", triageId);
        }
        return done.size();
    }

    /** What the card is rendered from once its content is gone: the triage id and nothing else. */
    static TriageSummary blank(String triageId) {
        return new TriageSummary(triageId, ERASED_PROSPECT, null, null, null, null, null, 0, 0, null, null, List.of(),
                null, null, null, null, null);
    }
}
