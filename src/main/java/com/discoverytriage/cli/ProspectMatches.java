package com.discoverytriage.cli;

import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The stored prospect ids that look like what was typed to {@code forget}: the id, or the name given to
 * {@code console --name} (matched in any case, spaces as dashes), so a mistyped or partial name gets a list to pick
 * from instead of a bare "nothing stored".
 */
final class ProspectMatches {

    static final int LIMIT = 20;

    private final JdbcTemplate jdbc;

    ProspectMatches(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    /** Ids (with their display name, when stored) whose id or name contains {@code typed}; at most {@link #LIMIT}. */
    List<String> matching(String typed) {
        String needle = typed.contains(":") ? typed.substring(typed.indexOf(':') + 1) : typed;
        String like = "%" + needle.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", "-")
                .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        String where = " WHERE LOWER(prospect_id) LIKE ? ESCAPE '\\' OR LOWER(REPLACE(display_name, ' ', '-')) LIKE ? ESCAPE '\\'";
        return jdbc.query("SELECT prospect_id, MAX(display_name) AS display_name FROM ("
                        + "SELECT prospect_id, display_name FROM conversation" + where
                        + " UNION SELECT prospect_id, display_name FROM finished_triage" + where
                        + ") matches GROUP BY prospect_id ORDER BY prospect_id LIMIT " + LIMIT,
                (rs, row) -> {
                    String name = rs.getString("display_name");
                    return rs.getString("prospect_id") + (name == null ? "" : " (" + name + ")");
                },
                like, like, like, like);
    }
}
