package com.discoverytriage.discord;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code triage.discord.*}. The token is checked when the bot starts (see {@link DiscordBot}), so that a missing
 * token gives one clear line rather than a binding error.
 *
 * @param enabled            start the bot (false for the console and the scripting commands)
 * @param token              the bot token, from {@code DISCORD_TOKEN}; never logged
 * @param guildId            the home server: commands are registered there (instant), and consultant powers exist
 *                           only there; 0 registers them globally and gives nobody consultant powers
 * @param allowedGuildIds    further servers where prospects may run a fit check (no consultant powers there)
 * @param summaryChannelId   the private channel for the consultant's cards; 0 disables cards
 * @param consultantRoleId   members with this role may use the consultant buttons (as well as Manage Server); 0 none
 * @param workerThreads      threads of the executor that does the database work of interactions
 * @param workerQueue        interactions waiting for a thread before "busy" is answered
 * @param deliveryInterval   how often the outbox is checked for cards to post or edit
 * @param deliveryMaxBackoff the longest wait between two attempts at a failing card
 * @param loginTimeout       how long start-up waits for Discord's gateway (READY) before it gives up and exits
 * @param deliveryClaim      how long an instance holds a card it is delivering before another may take it over: the
 *                           wait for the cards of an instance that died while delivering them; longer than a post,
 *                           a lookup and an edit of one card can take
 */
@Validated
@ConfigurationProperties("triage.discord")
public record DiscordProperties(
        @DefaultValue("true") boolean enabled,
        String token,
        @DefaultValue("0") long guildId,
        List<Long> allowedGuildIds,
        @DefaultValue("0") long summaryChannelId,
        @DefaultValue("0") long consultantRoleId,
        @DefaultValue("4") @Min(1) @Max(64) int workerThreads,
        @DefaultValue("500") @Min(1) int workerQueue,
        @DefaultValue("2s") Duration deliveryInterval,
        @DefaultValue("10m") Duration deliveryMaxBackoff,
        @DefaultValue("60s") Duration loginTimeout,
        @DefaultValue("120s") Duration deliveryClaim) {

    @ConstructorBinding
    public DiscordProperties {
        allowedGuildIds = allowedGuildIds == null ? List.of() : List.copyOf(allowedGuildIds);
        if (loginTimeout == null || loginTimeout.compareTo(Duration.ofSeconds(1)) < 0
                || loginTimeout.compareTo(Duration.ofMinutes(30)) > 0) {
            throw new IllegalArgumentException("triage.discord.login-timeout must be between 1s and 30m, got "
                    + loginTimeout + ": for example 60s");
        }
        if (deliveryClaim == null || deliveryClaim.compareTo(Duration.ofSeconds(1)) < 0
                || deliveryClaim.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("triage.discord.delivery-claim must be between 1s and 1h, got "
                    + deliveryClaim + ": for example 120s");
        }
    }

    /** The same settings with the default card claim ({@code delivery-claim}, 120 s). */
    public DiscordProperties(boolean enabled, String token, long guildId, List<Long> allowedGuildIds,
            long summaryChannelId, long consultantRoleId, int workerThreads, int workerQueue,
            Duration deliveryInterval, Duration deliveryMaxBackoff, Duration loginTimeout) {
        this(enabled, token, guildId, allowedGuildIds, summaryChannelId, consultantRoleId, workerThreads, workerQueue,
                deliveryInterval, deliveryMaxBackoff, loginTimeout, Duration.ofSeconds(120));
    }

    public boolean hasToken() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "DiscordProperties[enabled=" + enabled + ", token=" + (hasToken() ? "(set)" : "(missing)")
                + ", guildId=" + guildId + ", summaryChannelId=" + summaryChannelId + "]";
    }
}
