package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.DiscordText;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The slash commands as plain data, and their hash: registration is a bulk overwrite done only when the hash
 * differs from the one stored for the scope, so restarts do not burn Discord's daily command-creation limit.
 */
public record CommandDefinitions(List<Choice> diagnostics) {

    static final String TRIAGE = "triage";
    static final String PANEL = "triage-panel";
    static final String OPTION = "diagnostic";
    static final String FORGET = "triage-forget";
    static final String EXPORT = "triage-export";
    static final String STATS = "triage-stats";

    public record Choice(String name, String value) {
    }

    public static CommandDefinitions of(DiagnosticCatalog catalog) {
        return new CommandDefinitions(catalog.diagnostics().stream().limit(25)
                .map((Diagnostic d) -> new Choice(DiscordText.fit(d.title(), 100), d.id())).toList());
    }

    public String hash() {
        StringBuilder canonical = new StringBuilder("v2|" + TRIAGE + "|" + OPTION + "|" + PANEL + "|manage-server|"
                + FORGET + "|" + DataRights.USER_OPTION + "|" + EXPORT + "|" + DataRights.SINCE_OPTION + "|"
                + DataRights.UNTIL_OPTION + "|manage-server|" + STATS + "|" + StatsCommand.PERIOD_OPTION);
        diagnostics.forEach(c -> canonical.append('|').append(c.name()).append('=').append(c.value()));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
