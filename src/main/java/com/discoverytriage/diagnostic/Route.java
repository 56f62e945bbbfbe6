package com.discoverytriage.diagnostic;

/** One choice of the routing question: a short label and the diagnostic it leads to. */
public record Route(String label, String diagnostic) {
}
