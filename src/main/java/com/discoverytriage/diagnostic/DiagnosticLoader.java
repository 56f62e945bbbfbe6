package com.discoverytriage.diagnostic;

import java.nio.file.Path;

/**
 * Reads every diagnostic file of a directory (and its {@code routing.yaml}), validates them together and returns
 * the catalog, or throws with every problem found.
 */
public final class DiagnosticLoader {

    public DiagnosticCatalog load(Path directory) {
        // Implemented on the rules branch; the signature is the contract the console, CLI and bot code against.
        throw new UnsupportedOperationException("DiagnosticLoader is being implemented");
    }
}
