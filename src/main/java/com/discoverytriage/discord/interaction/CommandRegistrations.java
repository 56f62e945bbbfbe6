package com.discoverytriage.discord.interaction;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/** The hash of the command bodies last registered, per scope ("global" or a guild id). */
public class CommandRegistrations {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CommandRegistrations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public boolean needed(String scope, String hash) {
        Optional<String> stored = jdbc.query("SELECT definition_hash FROM discord_command_registration WHERE scope = ?",
                (rs, n) -> rs.getString(1), scope).stream().findFirst();
        return stored.map(h -> !h.equals(hash)).orElse(true);
    }

    /** Every scope a hash is stored for. */
    List<String> scopes() {
        return jdbc.query("SELECT scope FROM discord_command_registration ORDER BY scope", (rs, n) -> rs.getString(1));
    }

    public void registered(String scope, String hash) {
        if (jdbc.update("UPDATE discord_command_registration SET definition_hash = ?, registered_at = ? WHERE scope = ?",
                hash, clock.millis(), scope) == 0) {
            jdbc.update("INSERT INTO discord_command_registration (scope, definition_hash, registered_at) VALUES (?, ?, ?)",
                    scope, hash, clock.millis());
        }
    }
}
