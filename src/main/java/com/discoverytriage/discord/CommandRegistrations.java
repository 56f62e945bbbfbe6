package com.discoverytriage.discord;

import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hash of the command definitions last registered, per scope. */
class CommandRegistrations {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    CommandRegistrations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean needed(String scope, String hash) {
        Optional<String> stored = jdbc.query("SELECT definition_hash FROM discord_command_registration WHERE scope = ?",
                (rs, n) -> rs.getString(1), scope).stream().findFirst();
        return stored.map(h -> !h.equals(hash)).orElse(true);
    }

    void registered(String scope, String hash) {
        if (jdbc.update("UPDATE discord_command_registration SET definition_hash = ?, registered_at = ? WHERE scope = ?",
                hash, clock.millis(), scope) == 0) {
            jdbc.update("INSERT INTO discord_command_registration (scope, definition_hash, registered_at) VALUES (?, ?, ?)",
                    scope, hash, clock.millis());
        }
    }
}
