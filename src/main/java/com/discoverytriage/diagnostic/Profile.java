package com.discoverytriage.diagnostic;

import java.util.List;

/**
 * A named pattern the answers can match: a fit situation (product leadership) or an engagement model
 * (technology leadership). A yes to one of {@code decidedBy} names this profile outright (the source maps that
 * problem to it); otherwise the summary names the profile with the most "yes" answers among its questions, and
 * none on a tie.
 */
public record Profile(String id, String title, String description, List<String> questions, List<String> decidedBy) {

    public Profile {
        questions = List.copyOf(questions);
        decidedBy = List.copyOf(decidedBy);
    }

    public Profile(String id, String title, String description, List<String> questions) {
        this(id, title, description, questions, List.of());
    }
}
