package com.discoverytriage.diagnostic;

/**
 * A range of "yes" counts (inclusive at both ends) and the outcome it leads to.
 *
 * @param reason why this band leads there, in words a prospect understands
 */
public record Band(int min, int max, String outcome, String reason) {

    public boolean covers(int count) {
        return count >= min && count <= max;
    }
}
