package com.discoverytriage.diagnostic;

import com.discoverytriage.diagnostic.RawFiles.RawDiagnostic;
import com.discoverytriage.diagnostic.RawFiles.RawRouting;
import com.discoverytriage.diagnostic.RawFiles.Shape;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads every diagnostic file of a directory (and its {@code routing.yaml}), validates them together and returns
 * the catalog, or throws with every problem found.
 *
 * <p>Only the top level of the directory is read, and only {@code *.yaml} / {@code *.yml} files: a README or a
 * {@code transcripts/} folder next to them is ignored.
 */
public final class DiagnosticLoader {

    public static final String ROUTING_FILE = "routing.yaml";
    /** Far above any real conversation file (about 10 KB); a larger file is refused unread, before parsing. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;
    private static final String DIRECTORY = "(directory)";
    private static final String WHOLE_FILE = "(file)";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Unknown keys are reported, all of them, by the shape check before binding.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public DiagnosticCatalog load(Path directory) {
        List<ConversationFileProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new ConversationFileProblem(directory.toString(), DIRECTORY,
                    "the conversations directory does not exist.",
                    "Create it with one <id>.yaml file per diagnostic, or point triage.conversations-dir at it."));
            throw new InvalidConversationFilesException(problems);
        }
        List<Path> files = yamlFiles(directory);
        Path routingFile = null;
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, String> diagnosticIds = new LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals(ROUTING_FILE) || name.equals("routing.yml")) {
                if (routingFile != null) {
                    problems.add(new ConversationFileProblem(file.toString(), WHOLE_FILE,
                            "there is both a routing.yaml and a routing.yml.", "Keep one of them."));
                }
                routingFile = file;
                continue;
            }
            Diagnostic diagnostic = loadDiagnostic(file, problems, diagnosticIds);
            if (diagnostic != null) {
                diagnostics.add(diagnostic);
            }
        }
        if (diagnosticIds.isEmpty() && problems.stream().noneMatch(p -> !p.file().equals(directory.toString()))) {
            problems.add(new ConversationFileProblem(directory.toString(), DIRECTORY,
                    "there is no diagnostic file in the directory.",
                    "Add one <id>.yaml file per diagnostic (see conversations/README.md for the format)."));
        }
        Routing routing = null;
        if (routingFile != null) {
            routing = loadRouting(routingFile, problems, diagnosticIds);
        } else if (diagnosticIds.size() > 1) {
            problems.add(new ConversationFileProblem(directory.resolve(ROUTING_FILE).toString(), WHOLE_FILE,
                    "routing.yaml is missing: with " + diagnosticIds.size() + " diagnostics ("
                            + String.join(", ", diagnosticIds.keySet()) + ") a prospect must be asked which one fits.",
                    "Add routing.yaml with a 'text' and one route per diagnostic (label and diagnostic id)."));
        } else if (diagnostics.size() == 1) {
            Diagnostic only = diagnostics.get(0);
            routing = new Routing(only.title(), null, List.of(new Route(only.title(), only.id())), null);
        }
        if (!problems.isEmpty()) {
            throw new InvalidConversationFilesException(problems);
        }
        return new DiagnosticCatalog(diagnostics, routing);
    }

    private static List<Path> yamlFiles(Path directory) {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries
                    .filter(Files::isRegularFile)
                    .filter(p -> {
                        String name = p.getFileName().toString();
                        return name.endsWith(".yaml") || name.endsWith(".yml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
    }

    private static Diagnostic loadDiagnostic(Path file, List<ConversationFileProblem> sink, Map<String, String> ids) {
        if (tooLarge(file, sink)) {
            return null;
        }
        byte[] bytes = read(file);
        Parsed parsed = parse(file, bytes, sink);
        if (parsed == null) {
            return null;
        }
        JsonNode root = parsed.root();
        FileProblems problems = parsed.problems();
        boolean shapeOk = checkShape(root, Shape.DIAGNOSTIC, "", problems);
        RawDiagnostic raw = shapeOk ? bind(root, RawDiagnostic.class, problems) : null;
        if (root.path("id").isTextual()) {
            String id = root.path("id").asText();
            String earlier = ids.putIfAbsent(id, file.getFileName().toString());
            if (earlier != null) {
                problems.add("id", "diagnostic id '" + id + "' is already used by " + earlier + ".",
                        "Give every diagnostic its own id (the file name without .yaml is a good choice).");
                return null;
            }
        }
        if (raw == null) {
            return null;
        }
        return new DiagnosticValidator(problems).validate(raw, file.getFileName().toString(), version(bytes));
    }

    private static Routing loadRouting(Path file, List<ConversationFileProblem> sink, Map<String, String> diagnosticIds) {
        if (tooLarge(file, sink)) {
            return null;
        }
        byte[] bytes = read(file);
        Parsed parsed = parse(file, bytes, sink);
        if (parsed == null) {
            return null;
        }
        JsonNode root = parsed.root();
        FileProblems problems = parsed.problems();
        RawRouting raw = checkShape(root, Shape.ROUTING, "", problems) ? bind(root, RawRouting.class, problems) : null;
        return raw == null ? null : new RoutingValidator(problems).validate(raw, diagnosticIds,
                file.getFileName().toString());
    }

    private record Parsed(JsonNode root, FileProblems problems) {
    }

    /** The file's tree, or null when it is not YAML or is empty (the problem is then in the sink). */
    private static Parsed parse(Path file, byte[] bytes, List<ConversationFileProblem> sink) {
        YamlDocument document;
        try {
            document = YamlDocument.parse(YAML, bytes);
        } catch (YamlDocument.SyntaxError e) {
            sink.add(new ConversationFileProblem(file.toString(), e.line > 0 ? "line " + e.line : WHOLE_FILE,
                    "not valid YAML" + (e.line > 0 ? " at line " + e.line + ", column " + e.column : "") + ": "
                            + e.getMessage(),
                    "Fix the YAML syntax there (indentation with spaces, a space after each ':' and '-', quotes "
                            + "around text that contains ': ' or starts with a special character)."));
            return null;
        }
        FileProblems problems = new FileProblems(file.toString(), document.lines(), sink);
        JsonNode root = document.root();
        if (root == null || root.isMissingNode() || root.isNull()) {
            problems.add(WHOLE_FILE, "the file is empty.", "Write the diagnostic in it, or delete the file.");
            return null;
        }
        return new Parsed(root, problems);
    }

    /**
     * Checks that every mapping holds only known keys and that lists and single values sit where they belong.
     * Unknown keys are reported but do not stop binding (they are ignored); a wrong structure does.
     */
    private static boolean checkShape(JsonNode node, Shape shape, String path, FileProblems problems) {
        if (!node.isObject()) {
            problems.add(path.isEmpty() ? WHOLE_FILE : path, "expected a mapping with keys " + shape.keys() + ".",
                    "Write it as 'key: value' lines.");
            return false;
        }
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = field.getKey();
            String at = path.isEmpty() ? key : path + "." + key;
            JsonNode value = field.getValue();
            if (!shape.keys().contains(key)) {
                String guess = closest(key, shape.keys());
                problems.add(at, "unknown key '" + key + "'.", (guess == null ? "" : "Did you mean '" + guess + "'? ")
                        + "Allowed keys here: " + String.join(", ", shape.keys()) + ".");
                continue;
            }
            if (value.isNull()) {
                continue;
            }
            Shape element = shape.elementShape(key);
            if (element != null || shape.isListOfValues(key)) {
                if (!value.isArray()) {
                    problems.add(at, "expected a list.", "Write each item on its own line starting with '- '.");
                    ok = false;
                    continue;
                }
                for (int i = 0; i < value.size(); i++) {
                    if (element != null) {
                        ok &= checkShape(value.get(i), element, at + "[" + i + "]", problems);
                    } else if (!value.get(i).isValueNode()) {
                        problems.add(at + "[" + i + "]", "expected a single id.", "Write the id alone after '- '.");
                        ok = false;
                    }
                }
            } else if (!value.isValueNode()) {
                problems.add(at, "expected a single value, found a " + (value.isArray() ? "list" : "mapping") + ".",
                        "Write the value on the same line as '" + key + ":' (quote text that contains ': ').");
                ok = false;
            }
        }
        return ok;
    }

    private static <T> T bind(JsonNode root, Class<T> type, FileProblems problems) {
        try {
            return YAML.treeToValue(root, type);
        } catch (JsonMappingException e) {
            StringBuilder at = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    at.append(at.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    at.append('[').append(ref.getIndex()).append(']');
                }
            }
            String what = e instanceof InvalidFormatException f
                    ? "'" + f.getValue() + "' is not a valid " + simpleName(f.getTargetType()) + "."
                    : "the value has the wrong type.";
            problems.add(at.length() == 0 ? WHOLE_FILE : at.toString(), what,
                    "Write a " + (e instanceof InvalidFormatException f ? simpleName(f.getTargetType()) : "value")
                            + " there.");
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String simpleName(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return "text";
    }

    /** The allowed key closest to a typo, if it is close enough to be what was meant. */
    private static String closest(String key, List<String> allowed) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Checked on the file's size alone: a huge value would otherwise cost minutes and gigabytes to parse. */
    private static boolean tooLarge(Path file, List<ConversationFileProblem> sink) {
        try {
            long size = Files.size(file);
            if (size <= MAX_FILE_BYTES) {
                return false;
            }
            sink.add(new ConversationFileProblem(file.toString(), WHOLE_FILE, "the file is " + size
                    + " bytes, larger than the " + MAX_FILE_BYTES + " bytes a conversation file may have.",
                    "Shorten it: texts of a few sentences each are enough (a real file is about 10 KB)."));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static String version(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
