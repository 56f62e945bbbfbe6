package com.discoverytriage.cli;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command's database is, in words: an H2 file as an absolute path (the default {@code ./data/triage} is
 * relative to the folder the command runs in, so running it elsewhere creates a new, empty database there), or a
 * server's URL without its parameters (which may hold a password).
 */
final class DatabaseLocation {

    private DatabaseLocation() {
    }

    static String describe(String jdbcUrl) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            return "an unnamed database (spring.datasource.url is not set)";
        }
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        if (lower.startsWith("jdbc:h2:mem:")) {
            return "an in-memory H2 database (nothing is kept)";
        }
        if (lower.startsWith("jdbc:h2:") && !lower.startsWith("jdbc:h2:tcp:") && !lower.startsWith("jdbc:h2:ssl:")) {
            String path = jdbcUrl.substring("jdbc:h2:".length());
            if (path.toLowerCase(Locale.ROOT).startsWith("file:")) {
                path = path.substring("file:".length());
            }
            int options = path.indexOf(';');
            if (options >= 0) {
                path = path.substring(0, options);
            }
            if (path.startsWith("~")) {
                path = System.getProperty("user.home") + path.substring(1);
            }
            return "the H2 file " + Path.of(path + ".mv.db").toAbsolutePath().normalize();
        }
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }
}
