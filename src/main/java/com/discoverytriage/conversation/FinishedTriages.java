package com.discoverytriage.conversation;

import java.util.List;

/** Read access to every finished triage, for re-scoring and summaries. */
public interface FinishedTriages {

    /** Every finished triage, oldest first; {@code diagnosticId} null for all diagnostics. */
    List<FinishedTriage> findAll(String diagnosticId);
}
