package com.discoverytriage.lifecycle;

import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.summary.TriageSummary;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Removes what is stored about given triages outside the conversation tables: lead status and events, webhook
 * receipts, lifecycle rows, and the card's content. A card already posted in Discord keeps an empty row (triage
 * id only) until it has been edited to say why it is empty; the retention purge then drops that row too.
 */
class Erasure {

    static final String ERASED_PROSPECT = "erased";
    /** Keys per IN list: a modest statement on both databases. */
    private static final int CHUNK = 500;

    private final JdbcTemplate jdbc;
    private final LifecycleStore store;
    private final SummaryOutbox cards;

    Erasure(JdbcTemplate jdbc, LifecycleStore store, SummaryOutbox cards) {
        this.jdbc = jdbc;
        this.store = store;
        this.cards = cards;
    }

    /**
     * Answers how many posted cards will be edited to say {@code why}. Works on the whole collection with a few
     * statements (IN lists, JDBC batches), so the daily purge of many triages is not one round trip per row.
     */
    int eraseTriages(Collection<String> triageIds, Stage why, Instant now) {
        int cardsToEdit = 0;
        List<String> all = List.copyOf(triageIds);
        for (int i = 0; i < all.size(); i += CHUNK) {
            cardsToEdit += eraseChunk(all.subList(i, Math.min(all.size(), i + CHUNK)), why, now);
        }
        return cardsToEdit;
    }

    private int eraseChunk(List<String> ids, Stage why, Instant now) {
        String in = " WHERE triage_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
        Object[] args = ids.toArray();
        jdbc.update("DELETE FROM lead_event" + in, args);
        jdbc.update("DELETE FROM lead_state" + in, args);
        jdbc.update("DELETE FROM booking_webhook_receipt" + in, args);
        List<String> posted = jdbc.queryForList("SELECT triage_id FROM summary_outbox" + in
                + " AND message_id IS NOT NULL", String.class, args);
        Set<String> keep = new HashSet<>(posted);
        List<String> unposted = ids.stream().filter(id -> !keep.contains(id)).toList();
        if (!unposted.isEmpty()) {
            String notPosted = " WHERE triage_id IN (" + String.join(", ", Collections.nCopies(unposted.size(), "?"))
                    + ")";
            jdbc.update("DELETE FROM summary_outbox" + notPosted, unposted.toArray());
            jdbc.update("DELETE FROM lead_lifecycle" + notPosted, unposted.toArray());
        }
        if (!posted.isEmpty()) {
            cards.recordAll(posted.stream().map(Erasure::blank).toList());
            jdbc.batchUpdate("UPDATE summary_outbox SET prospect_id = ?, last_error = NULL WHERE triage_id = ?",
                    posted.stream().map(id -> new Object[] {ERASED_PROSPECT, id}).toList());
            store.goneAll(posted, why, now);
        }
        return posted.size();
    }

    /** Empty cards that Discord already shows as erased or purged: nothing left to keep (at most {@code limit}). */
    int dropDeliveredBlanks(int limit) {
        List<String> done = jdbc.queryForList("SELECT o.triage_id FROM lead_lifecycle l JOIN summary_outbox o"
                + " ON o.triage_id = l.triage_id WHERE l.stage IN (?, ?) AND o.delivered_revision >= o.revision"
                + " ORDER BY l.triage_id LIMIT ?", String.class, Stage.ERASED.id(), Stage.PURGED.id(), limit);
        for (int i = 0; i < done.size(); i += CHUNK) {
            List<String> ids = done.subList(i, Math.min(done.size(), i + CHUNK));
            String in = " WHERE triage_id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
            jdbc.update("DELETE FROM summary_outbox" + in, ids.toArray());
            jdbc.update("DELETE FROM lead_lifecycle" + in, ids.toArray());
        }
        return done.size();
    }

    /** What the card is rendered from once its content is gone: the triage id and nothing else. */
    static TriageSummary blank(String triageId) {
        return new TriageSummary(triageId, ERASED_PROSPECT, null, null, null, null, null, 0, 0, null, null, List.of(),
                null, null, null, null, null);
    }
}
