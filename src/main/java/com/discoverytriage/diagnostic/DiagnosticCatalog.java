package com.discoverytriage.diagnostic;

import java.util.List;
import java.util.Optional;

/** Every diagnostic loaded at start-up, plus the routing question. Immutable. */
public record DiagnosticCatalog(List<Diagnostic> diagnostics, Routing routing) {

    public DiagnosticCatalog {
        diagnostics = List.copyOf(diagnostics);
    }

    // a loop, not a stream: asked several times on every answer
    public Optional<Diagnostic> find(String id) {
        for (Diagnostic diagnostic : diagnostics) {
            if (diagnostic.id().equals(id)) {
                return Optional.of(diagnostic);
            }
        }
        return Optional.empty();
    }

    public Diagnostic require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown diagnostic '" + id + "'"));
    }
}
