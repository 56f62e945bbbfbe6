package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.interaction.CommandSync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import org.javacord.api.DiscordApi;
import org.javacord.core.util.rest.RestEndpoint;
import org.javacord.core.util.rest.RestMethod;
import org.javacord.core.util.rest.RestRequest;

/**
 * The command routes through Javacord's REST queue, as plain requests: Javacord's {@code SlashCommandBuilder} sends
 * {@code default_member_permissions} as a string and knows neither {@code contexts} nor {@code integration_types}.
 */
final class JavacordCommands implements CommandSync.Commands {

    private final DiscordApi api;

    JavacordCommands(DiscordApi api) {
        this.api = api;
    }

    @Override
    public List<String> names(String scope) {
        JsonNode listed = request(RestMethod.GET, scope).execute(result -> result.getJsonBody()).join();
        List<String> names = new ArrayList<>();
        listed.forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    @Override
    public void overwrite(String scope, ArrayNode body) {
        request(RestMethod.PUT, scope).setBody(body).execute(result -> null).join();
    }

    private RestRequest<JsonNode> request(RestMethod method, String scope) {
        String app = Long.toUnsignedString(api.getClientId());
        return CommandSync.GLOBAL.equals(scope)
                ? new RestRequest<JsonNode>(api, method, RestEndpoint.APPLICATION_COMMANDS).setUrlParameters(app)
                : new RestRequest<JsonNode>(api, method, RestEndpoint.SERVER_APPLICATION_COMMANDS)
                        .setUrlParameters(app, scope);
    }
}
