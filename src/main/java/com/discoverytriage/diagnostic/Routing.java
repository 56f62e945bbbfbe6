package com.discoverytriage.diagnostic;

import java.util.List;

/** The first question, asked when the prospect did not pick a diagnostic: which one fits them. */
public record Routing(String text, String help, List<Route> routes, String source) {

    public Routing {
        routes = List.copyOf(routes);
    }
}
