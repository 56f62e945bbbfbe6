package com.discoverytriage.diagnostic;

/**
 * An answer that leads straight to an outcome whatever the count: "if question X is answered Y, go to Z".
 *
 * @param id       stable id of the gate (named in reasons and summaries)
 * @param question id of a question of kind gate
 * @param when     the answer that fires the gate
 * @param outcome  id of an alternative outcome
 * @param reason   why, in words a prospect understands
 */
public record Gate(String id, String question, Reply when, String outcome, String reason) {
}
