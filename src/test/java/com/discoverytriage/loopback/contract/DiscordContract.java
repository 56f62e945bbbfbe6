package com.discoverytriage.loopback.contract;

import com.discoverytriage.loopback.GatewayFrame;
import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.RecordedCall;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Discord's own HTTP contract ({@code ../shared/discord-api-spec/openapi.json}) applied to what a client sent:
 * every JSON request body is validated against its operation's request schema (JSON Schema 2020-12, with
 * {@code #/components/schemas/...} resolved), every message write must carry {@code allowed_mentions.parse: []},
 * and IDENTIFY must not ask for a privileged intent.
 */
public final class DiscordContract {

    /** Where the spec lives relative to the project root; override with {@code -Ddiscord.api.spec=PATH}. */
    public static final Path DEFAULT_LOCATION = Path.of("..", "shared", "discord-api-spec", "openapi.json");

    /** GUILD_MEMBERS (1 << 1), GUILD_PRESENCES (1 << 8), MESSAGE_CONTENT (1 << 15). */
    public static final long PRIVILEGED_INTENTS = (1L << 1) | (1L << 8) | (1L << 15);

    private static final String SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Path, DiscordContract> LOADED = new ConcurrentHashMap<>();

    private final JsonNode components;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().build();
    private final Map<Operation, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, JsonSchema> namedSchemas = new ConcurrentHashMap<>();

    private DiscordContract(JsonNode spec) {
        this.components = spec.path("components");
        Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> method = methods.next();
                JsonNode schema = method.getValue().path("requestBody").path("content")
                        .path("application/json").path("schema");
                if (!schema.isMissingNode()) {
                    operations.add(new Operation(method.getKey().toUpperCase(java.util.Locale.ROOT),
                            path.getKey(), schema));
                }
            }
        }
        // The most literal template wins: /messages/@original before /messages/{message_id}.
        operations.sort(Comparator.comparingInt(Operation::placeholders));
    }

    /** The spec at {@code -Ddiscord.api.spec} or {@link #DEFAULT_LOCATION}, if the file exists. */
    public static Optional<DiscordContract> load() {
        return load(location());
    }

    public static Optional<DiscordContract> load(Path spec) {
        if (!Files.isRegularFile(spec)) {
            return Optional.empty();
        }
        return Optional.of(LOADED.computeIfAbsent(spec.toAbsolutePath().normalize(), p -> {
            try {
                return new DiscordContract(JSON.readTree(p.toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read Discord's API contract at " + p, e);
            }
        }));
    }

    /** The contract, or the calling test is skipped with a message saying where the file was expected. */
    public static DiscordContract loadOrSkip() {
        Optional<DiscordContract> contract = load();
        Assumptions.assumeTrue(contract.isPresent(), () -> "Discord's API contract is absent at "
                + location().toAbsolutePath().normalize() + "; contract checks skipped");
        return contract.get();
    }

    public static Path location() {
        String override = System.getProperty("discord.api.spec");
        return override == null || override.isBlank() ? DEFAULT_LOCATION : Path.of(override);
    }

    /** Every violation in the stand-in's recordings: REST bodies and IDENTIFY frames. */
    public List<String> violations(LoopbackDiscord discord) {
        List<String> violations = new ArrayList<>();
        discord.requests().forEach(call -> violations.addAll(violations(call)));
        discord.framesFromClient(2).forEach(frame -> violations.addAll(identifyViolations(frame)));
        return violations;
    }

    /** Fails with every violation listed. */
    public void assertConforms(LoopbackDiscord discord) {
        List<String> violations = violations(discord);
        if (!violations.isEmpty()) {
            throw new AssertionError("Requests break Discord's API contract:\n  " + String.join("\n  ", violations));
        }
    }

    /** Violations of one REST request: its body against the operation's schema, and the allowed-mentions rule. */
    public List<String> violations(RecordedCall call) {
        List<String> violations = new ArrayList<>();
        if (!call.hasJsonBody()) {
            return violations;
        }
        String where = call.method() + " " + call.path() + ": ";
        JsonNode body = call.json();
        findOperation(call.method(), call.path()).ifPresent(operation -> {
            JsonSchema schema = schemas.computeIfAbsent(operation, this::compile);
            for (ValidationMessage message : schema.validate(body)) {
                violations.add(where + message.getMessage());
            }
        });
        messageWrite(call).ifPresent(message -> {
            JsonNode parse = message.path("allowed_mentions").path("parse");
            if (!parse.isArray() || !parse.isEmpty()) {
                violations.add(where + "allowed_mentions.parse must be present and empty on a message write, was "
                        + (parse.isMissingNode() ? "absent" : parse.toString()));
            }
        });
        return violations;
    }

    /** Violations of one IDENTIFY frame (opcode 2): a privileged intent asked for. */
    public static List<String> identifyViolations(GatewayFrame identify) {
        long intents = identify.data().path("intents").asLong(0);
        long privileged = intents & PRIVILEGED_INTENTS;
        return privileged == 0 ? List.of()
                : List.of("IDENTIFY asks for privileged intents (bits " + Long.toBinaryString(privileged)
                        + " of " + intents + "); the bot must work without GUILD_MEMBERS, GUILD_PRESENCES and"
                        + " MESSAGE_CONTENT");
    }

    /** The operation of the spec whose path template matches. */
    Optional<Operation> findOperation(String method, String path) {
        return operations.stream()
                .filter(o -> o.method.equals(method) && o.pattern.matcher(path).matches())
                .findFirst();
    }

    /** The message object a request writes, when it is a message write (create, edit, followup, callback 4/7). */
    private static Optional<JsonNode> messageWrite(RecordedCall call) {
        String method = call.method();
        String path = call.path();
        boolean channelWrite = ("POST".equals(method) && path.matches("/channels/[^/]+/messages"))
                || ("PATCH".equals(method) && path.matches("/channels/[^/]+/messages/[^/]+"));
        boolean webhookWrite = ("POST".equals(method) && path.matches("/webhooks/[^/]+/[^/]+"))
                || ("PATCH".equals(method) && path.matches("/webhooks/[^/]+/[^/]+/messages/[^/]+"));
        if (channelWrite || webhookWrite) {
            return Optional.of(call.json());
        }
        if ("POST".equals(method) && path.matches("/interactions/[^/]+/[^/]+/callback")) {
            int type = call.json().path("type").asInt();
            if (type == 4 || type == 7) {
                return Optional.of(call.json().path("data"));
            }
        }
        return Optional.empty();
    }

    /** Violations of one body against a named schema of {@code components.schemas}, e.g. {@code RichEmbed}. */
    public List<String> violationsOfSchema(String schemaName, JsonNode body) {
        JsonSchema schema = namedSchemas.computeIfAbsent(schemaName, name -> {
            ObjectNode root = JSON.createObjectNode();
            root.put("$schema", SCHEMA_DIALECT);
            root.put("$ref", "#/components/schemas/" + name);
            root.set("components", components);
            return factory.getSchema(root, config);
        });
        return schema.validate(body).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private JsonSchema compile(Operation operation) {
        ObjectNode root = operation.schema.deepCopy();
        root.put("$schema", SCHEMA_DIALECT);
        root.set("components", components);
        return factory.getSchema(root, config);
    }

    record Operation(String method, String template, JsonNode schema, Pattern pattern) {
        Operation(String method, String template, JsonNode schema) {
            this(method, template, schema, toPattern(template));
        }

        private static Pattern toPattern(String template) {
            StringBuilder regex = new StringBuilder("^");
            for (String part : template.split("(?=\\{)|(?<=})")) {
                regex.append(part.startsWith("{") && part.endsWith("}") ? "[^/]+" : Pattern.quote(part));
            }
            return Pattern.compile(regex.append('$').toString());
        }

        int placeholders() {
            return (int) template.chars().filter(c -> c == '{').count();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Operation o && o.method.equals(method) && o.template.equals(template);
        }

        @Override
        public int hashCode() {
            return method.hashCode() * 31 + template.hashCode();
        }
    }
}
