package com.discoverytriage.discord;

import com.discoverytriage.loopback.contract.DiscordContract;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Schema checks of the adapter's request bodies against Discord's OpenAPI contract, through the one contract checker
 * the loopback tests use ({@link DiscordContract}: {@code ../shared/discord-api-spec/openapi.json}, or
 * {@code -Ddiscord.api.spec}).
 */
public final class DiscordSchemas {

    private DiscordSchemas() {
    }

    /** Skips the calling test, with a message, when the contract file is absent. */
    static void assumePresent() {
        DiscordContract.loadOrSkip();
    }

    /** Every violation of the named schema ({@code MessageCreateRequest}, ...), as text; empty when valid. */
    public static String violations(String schemaName, JsonNode body) {
        return String.join("\n", DiscordContract.loadOrSkip().violationsOfSchema(schemaName, body));
    }
}
