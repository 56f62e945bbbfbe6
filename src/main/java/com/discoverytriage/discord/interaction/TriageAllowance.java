package com.discoverytriage.discord.interaction;

import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.ErasureParticipant;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * At most {@code perDay} new triages per person in any 24 hours, counted in the database (a restart resets
 * nothing). Each new triage is a new card in the consultant's channel, so this is what keeps one person from
 * flooding it.
 */
public class TriageAllowance implements ErasureParticipant {

    static final Duration WINDOW = Duration.ofHours(24);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final int perDay;

    public TriageAllowance(JdbcTemplate jdbc, Clock clock, int perDay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.perDay = perDay;
    }

    int perDay() {
        return perDay;
    }

    /** Records a new triage for the user and answers true, or answers false when the day's allowance is used up. */
    boolean tryStart(long userId) {
        long now = clock.millis();
        long since = now - WINDOW.toMillis();
        jdbc.update("DELETE FROM discord_triage_start WHERE started_at <= ?", since);
        String user = Long.toUnsignedString(userId);
        Integer started = jdbc.queryForObject("SELECT COUNT(*) FROM discord_triage_start WHERE user_id = ? AND started_at > ?",
                Integer.class, user, since);
        if (started != null && started >= perDay) {
            return false;
        }
        jdbc.update("INSERT INTO discord_triage_start (user_id, started_at) VALUES (?, ?)", user, now);
        return true;
    }

    @Override
    public void erase(ProspectId prospect) {
        DiscordProspects.userId(prospect).ifPresent(userId ->
                jdbc.update("DELETE FROM discord_triage_start WHERE user_id = ?", Long.toUnsignedString(userId)));
    }
}
