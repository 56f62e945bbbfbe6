package com.discoverytriage.summary;

/**
 * One card waiting to be posted or edited.
 *
 * @param revision  grows with every change of the triage or its lead state
 * @param messageId the posted card, null until posted
 */
public record OutboxRow(
        String triageId,
        String prospectId,
        TriageSummary summary,
        long revision,
        long deliveredRevision,
        String channelId,
        String messageId,
        int attempts) {
}
