package com.discoverytriage.diagnostic;

import java.util.List;

/**
 * A named pattern the answers can match: a fit situation (product leadership) or an engagement model
 * (technology leadership). The summary names the profile with the most "yes" answers among its questions.
 */
public record Profile(String id, String title, String description, List<String> questions) {

    public Profile {
        questions = List.copyOf(questions);
    }
}
