package com.discoverytriage.export;

import java.time.Instant;
import java.util.Map;

/**
 * One triage as exported.
 *
 * @param answers raw answers by question id (reply ids yes / no / unsure, or the text)
 * @param status  what the card says: lifecycle ("booked (...)", "abandoned at question 3"), else the lead status,
 *                else the conversation phase
 */
public record ExportRow(
        String triageId,
        Instant startedAt,
        Instant finishedAt,
        String prospectId,
        String displayName,
        String diagnosticId,
        String outcomeKind,
        String outcomeId,
        String status,
        Instant meetingAt,
        Map<String, String> answers) {
}
