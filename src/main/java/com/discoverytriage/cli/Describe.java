package com.discoverytriage.cli;

import com.discoverytriage.diagnostic.Band;
import com.discoverytriage.diagnostic.ConversationFiles;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Gate;
import com.discoverytriage.diagnostic.OutcomeDefinition;
import com.discoverytriage.diagnostic.Profile;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.Route;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code describe}: what the conversation files say, as text for a person or one JSON line for a script. */
final class Describe {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Describe() {
    }

    static String json(DiagnosticCatalog catalog, ConversationFiles files) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("files", files.description());
        ArrayNode diagnostics = root.putArray("diagnostics");
        for (Diagnostic d : catalog.diagnostics()) {
            ObjectNode node = diagnostics.addObject();
            node.put("id", d.id());
            node.put("title", d.title());
            node.put("description", d.description());
            node.put("version", d.version());
            node.put("source", d.source());
            ArrayNode questions = node.putArray("questions");
            for (Question q : d.questions()) {
                ObjectNode qn = questions.addObject();
                qn.put("id", q.id());
                qn.put("kind", q.kind().id());
                qn.put("text", q.text());
                qn.put("help", q.help());
                qn.put("counted", d.counted().contains(q.id()));
                qn.put("optional", q.optional());
            }
            ArrayNode bands = node.putArray("bands");
            for (Band b : d.bands()) {
                bands.addObject().put("min", b.min()).put("max", b.max()).put("outcome", b.outcome()).put("reason", b.reason());
            }
            ArrayNode gates = node.putArray("gates");
            for (Gate g : d.gates()) {
                gates.addObject().put("id", g.id()).put("question", g.question()).put("when", g.when().id())
                        .put("outcome", g.outcome()).put("reason", g.reason());
            }
            ArrayNode outcomes = node.putArray("outcomes");
            for (OutcomeDefinition o : d.outcomes()) {
                outcomes.addObject().put("id", o.id()).put("kind", o.kind().id()).put("title", o.title())
                        .put("why", o.why()).put("nextStep", o.nextStep()).put("wouldChange", o.wouldChange());
            }
            node.put("profileLabel", d.profileLabel());
            ArrayNode profiles = node.putArray("profiles");
            for (Profile p : d.profiles()) {
                ObjectNode pn = profiles.addObject().put("id", p.id()).put("title", p.title()).put("description", p.description());
                ArrayNode qs = pn.putArray("questions");
                p.questions().forEach(qs::add);
            }
        }
        ObjectNode routing = root.putObject("routing");
        if (catalog.routing() != null) {
            routing.put("text", catalog.routing().text());
            routing.put("help", catalog.routing().help());
            ArrayNode routes = routing.putArray("routes");
            for (Route r : catalog.routing().routes()) {
                routes.addObject().put("label", r.label()).put("diagnostic", r.diagnostic());
            }
        }
        return root.toString();
    }

    static String text(DiagnosticCatalog catalog, ConversationFiles files) {
        StringBuilder out = new StringBuilder();
        out.append("Conversation files: ").append(files.description()).append("\n\n");
        if (catalog.routing() != null) {
            out.append("Routing question: ").append(catalog.routing().text()).append('\n');
            for (Route r : catalog.routing().routes()) {
                out.append("  - ").append(r.label()).append(" -> ").append(r.diagnostic()).append('\n');
            }
            out.append('\n');
        }
        for (Diagnostic d : catalog.diagnostics()) {
            out.append(d.title()).append(" [").append(d.id()).append("]  ").append(d.source())
                    .append(", version ").append(d.version()).append('\n');
            if (d.description() != null) {
                out.append("  ").append(d.description().strip().replace("\n", "\n  ")).append('\n');
            }
            out.append("  Questions:\n");
            int n = 1;
            for (Question q : d.questions()) {
                String kind = q.kind().id() + (d.counted().contains(q.id()) ? ", counted" : "") + (q.optional() ? ", optional" : "");
                out.append(String.format(java.util.Locale.ROOT, "    %2d. %s (%s): %s\n", n++, q.id(), kind, q.text()));
            }
            out.append("  Bands (yes answers among ").append(d.counted().size()).append(" counted signals):\n");
            for (Band b : d.bands()) {
                out.append("    ").append(b.min()).append(b.min() == b.max() ? "" : "-" + b.max()).append(" -> ")
                        .append(b.outcome()).append(": ").append(b.reason()).append('\n');
            }
            out.append("  Gates:\n");
            if (d.gates().isEmpty()) {
                out.append("    (none)\n");
            }
            for (Gate g : d.gates()) {
                out.append("    ").append(g.id()).append(": ").append(g.question()).append(" = ").append(g.when().id())
                        .append(" -> ").append(g.outcome()).append('\n');
            }
            out.append("  Outcomes:\n");
            for (OutcomeDefinition o : d.outcomes()) {
                out.append("    ").append(o.id()).append(" (").append(o.kind().id()).append("): ").append(o.title()).append('\n');
            }
            if (!d.profiles().isEmpty()) {
                out.append("  ").append(d.profileLabel() == null ? "Profiles" : d.profileLabel() + "s").append(":\n");
                for (Profile p : d.profiles()) {
                    out.append("    ").append(p.id()).append(": ").append(p.title()).append(" (")
                            .append(String.join(", ", p.questions())).append(")\n");
                }
            }
            out.append('\n');
        }
        return out.toString().stripTrailing();
    }
}
