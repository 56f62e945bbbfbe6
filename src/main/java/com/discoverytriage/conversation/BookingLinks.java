package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.scoring.Evaluation;
import java.util.Optional;

/** Makes the prefilled strategy-call link for a book outcome; empty when no booking URL is configured. */
public interface BookingLinks {

    Optional<String> linkFor(String triageId, String displayName, Diagnostic diagnostic, Evaluation evaluation);

    /**
     * The same prefilled link for a booking the consultant approved against the rules (an overridden alternative):
     * made whatever the evaluation's outcome; empty only when no booking URL is configured.
     */
    default Optional<String> linkForApprovedBooking(String triageId, String displayName, Diagnostic diagnostic,
            Evaluation evaluation) {
        return linkFor(triageId, displayName, diagnostic, evaluation);
    }
}
