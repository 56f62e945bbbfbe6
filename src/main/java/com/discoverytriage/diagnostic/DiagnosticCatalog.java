package com.discoverytriage.diagnostic;

import java.util.List;
import java.util.Optional;

/** Every diagnostic loaded at start-up, plus the routing question. Immutable. */
public record DiagnosticCatalog(List<Diagnostic> diagnostics, Routing routing) {

    public DiagnosticCatalog {
        diagnostics = List.copyOf(diagnostics);
    }

    public Optional<Diagnostic> find(String id) {
        return diagnostics.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public Diagnostic require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("unknown diagnostic '" + id + "'"));
    }
}
