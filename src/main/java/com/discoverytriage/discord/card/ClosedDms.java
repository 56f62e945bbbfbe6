package com.discoverytriage.discord.card;

import com.discoverytriage.discord.interaction.DiscordProspects;

import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.ErasureParticipant;
import java.time.Clock;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Users whose DMs are closed to the bot (error 50007): a DM to them is never tried again. The marker is data about
 * the prospect, so it is forgotten with the rest of their data.
 */
public class ClosedDms implements ErasureParticipant {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public ClosedDms(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    boolean closed(long userId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM discord_dm_closed WHERE user_id = ?", Integer.class,
                Long.toUnsignedString(userId)) > 0;
    }

    void markClosed(long userId) {
        if (!closed(userId)) {
            jdbc.update("INSERT INTO discord_dm_closed (user_id, closed_at) VALUES (?, ?)", Long.toUnsignedString(userId), clock.millis());
        }
    }

    @Override
    public void erase(ProspectId prospect) {
        DiscordProspects.userId(prospect).ifPresent(userId ->
                jdbc.update("DELETE FROM discord_dm_closed WHERE user_id = ?", Long.toUnsignedString(userId)));
    }
}
