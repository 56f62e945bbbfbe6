package com.discoverytriage.scoring;

import java.util.List;

/**
 * How the counted signal questions were answered. "Not sure" counts as no for the bands and is listed so the
 * consultant can raise it on the call; unanswered counted signals count as no.
 */
public record SignalCounts(int yes, int no, int unsure, List<String> unsureQuestions) {

    public SignalCounts {
        unsureQuestions = List.copyOf(unsureQuestions);
    }
}
