package com.discoverytriage.diagnostic;

import com.discoverytriage.diagnostic.RawFiles.RawRoute;
import com.discoverytriage.diagnostic.RawFiles.RawRouting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Checks {@code routing.yaml}: a question the prospect can read and routes that lead to existing diagnostics. */
final class RoutingValidator {

    private final FileProblems problems;
    private final Texts texts;

    RoutingValidator(FileProblems problems) {
        this.problems = problems;
        this.texts = new Texts(problems);
    }

    /** The routing, or null when the file has problems. */
    Routing validate(RawRouting raw, Map<String, String> diagnosticIds, String source) {
        int before = problems.count();
        texts.required("text", raw.text(), Texts.QUESTION_MAX, "the question that asks which diagnostic fits");
        texts.optional("help", raw.help(), Texts.HELP_MAX);
        List<RawRoute> routes = raw.routes() == null ? List.of() : raw.routes();
        if (routes.isEmpty()) {
            problems.add("routes", "no routes.", "Add one route (label and diagnostic) per diagnostic.");
        }
        List<Route> built = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < routes.size(); i++) {
            RawRoute route = routes.get(i);
            String at = "routes[" + i + "]";
            texts.required(at + ".label", route.label(), Texts.LABEL_MAX, "the button label (at most 80 characters)");
            if (route.diagnostic() == null || route.diagnostic().isBlank()) {
                problems.add(at + ".diagnostic", "the route names no diagnostic.",
                        "Set diagnostic to one of: " + String.join(", ", diagnosticIds.keySet()) + ".");
            } else if (!diagnosticIds.containsKey(route.diagnostic())) {
                problems.add(at + ".diagnostic", "'" + route.diagnostic() + "' is not the id of any diagnostic file.",
                        "Use one of: " + String.join(", ", diagnosticIds.keySet()) + ".");
            } else if (!seen.add(route.diagnostic())) {
                problems.add(at + ".diagnostic", "a second route to '" + route.diagnostic() + "'.",
                        "Keep one route per diagnostic.");
            }
            built.add(new Route(Texts.strip(route.label()), route.diagnostic()));
        }
        return problems.count() > before ? null : new Routing(raw.text().strip(), Texts.strip(raw.help()), built, source);
    }
}
