package com.discoverytriage.loopback;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** Turns {@code /channels/{id}/messages} or {@code /channels/* /messages} into a regex matching one segment per placeholder. */
final class PathTemplate {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();

    private PathTemplate() {
    }

    static Pattern compile(String template) {
        return CACHE.computeIfAbsent(template, t -> {
            StringBuilder regex = new StringBuilder("^");
            for (String part : t.split("(?=/)")) {
                if (part.isEmpty()) {
                    continue;
                }
                String segment = part.substring(1);
                regex.append('/');
                if (segment.equals("*") || (segment.startsWith("{") && segment.endsWith("}"))) {
                    regex.append("([^/]+)");
                } else if (segment.equals("**")) {
                    regex.append("(.*)");
                } else {
                    regex.append(Pattern.quote(segment));
                }
            }
            return Pattern.compile(regex.append('$').toString());
        });
    }
}
