package com.discoverytriage.scoring;

import com.discoverytriage.diagnostic.Profile;
import java.util.List;
import java.util.Optional;

/**
 * The result of applying a diagnostic's rules to a set of answers.
 *
 * @param profile     the situation / engagement model the answers match best; null when no profile question was
 *                    answered yes
 * @param firedGates  ids of every gate that fired, in file order (the first one decides the outcome)
 */
public record Evaluation(String diagnosticId, Outcome outcome, SignalCounts signals, Profile profile, List<String> firedGates) {

    public Evaluation {
        firedGates = List.copyOf(firedGates);
    }

    public Optional<Profile> matchedProfile() {
        return Optional.ofNullable(profile);
    }
}
