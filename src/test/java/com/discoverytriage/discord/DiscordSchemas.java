package com.discoverytriage.discord;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** Validates request bodies against Discord's OpenAPI schemas in {@code ../shared/discord-api-spec/openapi.json}. */
final class DiscordSchemas {

    static final Path SPEC = Path.of("..", "shared", "discord-api-spec", "openapi.json");

    private static JsonNode components;
    private static final ConcurrentHashMap<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private DiscordSchemas() {
    }

    /** Skips the calling test, with a message, when the spec file is absent. */
    static void assumePresent() {
        assumeTrue(Files.isRegularFile(SPEC), "Discord's OpenAPI file " + SPEC.toAbsolutePath()
                + " is absent: schema checks skipped");
    }

    /** Every violation of the named schema ({@code MessageCreateRequest}, ...), as text; empty when valid. */
    static String violations(String schemaName, JsonNode body) {
        assumePresent();
        JsonSchema schema = CACHE.computeIfAbsent(schemaName, DiscordSchemas::load);
        Set<ValidationMessage> messages = schema.validate(body);
        return messages.stream().map(ValidationMessage::getMessage).sorted().collect(Collectors.joining("\n"));
    }

    private static synchronized JsonSchema load(String schemaName) {
        try {
            if (components == null) {
                components = new ObjectMapper().readTree(SPEC.toFile()).get("components");
            }
            ObjectNode root = new ObjectMapper().createObjectNode();
            root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            root.put("$ref", "#/components/schemas/" + schemaName);
            root.set("components", components);
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
