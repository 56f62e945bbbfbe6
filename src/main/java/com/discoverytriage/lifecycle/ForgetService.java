package com.discoverytriage.lifecycle;

import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The right to be forgotten: erases everything stored about one prospect, in one transaction. The conversation
 * (in progress or not) ends, finished triages, lead status and events, lifecycle rows and webhook receipts are
 * deleted, and every {@link ErasureParticipant} (a transport's own tables) deletes its part; a posted card keeps
 * only its triage id and is edited to "erased at the prospect's request".
 */
public class ForgetService {

    private static final Logger log = LoggerFactory.getLogger(ForgetService.class);

    private final JdbcTemplate jdbc;
    private final StoredConversations conversations;
    private final Erasure erasure;
    private final List<ErasureParticipant> participants;
    private final TransactionTemplate tx;
    private final Clock clock;

    ForgetService(JdbcTemplate jdbc, StoredConversations conversations, Erasure erasure,
            List<ErasureParticipant> participants, TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.erasure = erasure;
        this.participants = List.copyOf(participants);
        this.tx = tx;
        this.clock = clock;
    }

    /** What was erased. */
    public record Result(int triages, int cardsToEdit) {

        public boolean found() {
            return triages > 0;
        }
    }

    public Result forget(ProspectId prospect) {
        Instant now = clock.instant();
        Result result = tx.execute(status -> {
            String id = prospect.value();
            Set<String> triageIds = new LinkedHashSet<>(conversations.erase(prospect));
            for (String table : new String[] {"summary_outbox", "lead_lifecycle"}) {
                triageIds.addAll(jdbc.queryForList("SELECT triage_id FROM " + table + " WHERE prospect_id = ?",
                        String.class, id));
            }
            int cards = erasure.eraseTriages(triageIds, Stage.ERASED, now);
            jdbc.update("DELETE FROM lead_lifecycle WHERE prospect_id = ?", id);
            participants.forEach(p -> p.erase(prospect));
            return new Result(triageIds.size(), cards);
        });
        log.info("forget: {} triages erased, {} cards to edit", result.triages(), result.cardsToEdit());
        return result;
    }
}
