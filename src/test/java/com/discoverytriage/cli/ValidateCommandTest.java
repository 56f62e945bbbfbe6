package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticLoader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("validate and score on the real conversation files")
class ValidateCommandTest {

    private static final Path CONVERSATIONS = Path.of("conversations");

    @TempDir
    Path copy;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();


    private int run(String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new DiagnosticLoader()::load, key -> null, null).run(args);
    }

    private void copyConversations() throws IOException {
        try (Stream<Path> files = Files.list(CONVERSATIONS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
    }

    @Test
    @DisplayName("the shipped files are valid: OK and exit 0")
    void shippedFilesValid() {
        assertThat(run("validate", CONVERSATIONS.toString())).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("OK: 2 diagnostics");
    }

    @Test
    @DisplayName("a band gap is reported naming the file and the bands field, exit 1")
    void bandGap() throws IOException {
        // given a copy of the files where the product diagnostic's 0-1 band now starts at 1 (nothing covers 0)
        copyConversations();
        Path product = copy.resolve("product-leadership.yaml");
        String yaml = Files.readString(product);
        String gapped = yaml.replaceFirst("(?m)^(\\s*- min:) 0\\n(\\s*max:) 1$", "$1 1\n$2 1");
        assertThat(gapped).as("the test edit applied").isNotEqualTo(yaml);
        Files.writeString(product, gapped);

        // when validate runs on the copy
        int exit = run("validate", copy.toString());

        // then it exits 1 and a problem line names the file and a bands field
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines())
                .anySatisfy(line -> assertThat(line).contains("product-leadership.yaml").contains("bands"));
    }

    @Test
    @DisplayName("score: five product signals and every gate passed books the call; a gate gives its alternative")
    void scoreRealFiles() {
        assertThat(run("score", "--diagnostic", "product-leadership", "--answers",
                "pre-pmf=no,activity-updates=yes,teams-pull-apart=yes,no-clear-bet=yes,leader-gone=yes,ceo-covering=yes")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("{\"diagnostic\":\"product-leadership\",\"outcome\":{\"kind\":\"book\"");
        out.reset();
        assertThat(run("score", "--diagnostic", "product-leadership", "--answers",
                "decisions-pile-up=yes,activity-updates=yes,teams-pull-apart=yes,no-clear-bet=yes,leader-gone=yes,ceo-covering=yes")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"kind\":\"alternative\"");
    }

    @Test
    @DisplayName("describe --json shows the fit rules in the order they are checked")
    void describeShowsFitRules() throws Exception {
        assertThat(run("describe", "--json", "--dir", CONVERSATIONS.toString())).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toString(StandardCharsets.UTF_8));
        com.fasterxml.jackson.databind.JsonNode product = json.get("diagnostics").findParents("id").stream()
                .filter(n -> n.path("id").asText().equals("product-leadership")).findFirst().orElseThrow();
        assertThat(product.get("fitRules").findValuesAsText("id"))
                .containsExactly("no-connecting-strategy", "leadership-gap", "scaling-coordination");
        assertThat(product.get("fitRules").get(1).get("threshold").asText()).isEqualTo("all");
        assertThat(product.get("fitRules").get(1).get("questions")).hasSize(3);
    }

    @Test
    @DisplayName("validate rejects a broken fit rule with file, field, line and fix, exit 1")
    void brokenFitRule() throws IOException {
        copyConversations();
        Path technology = copy.resolve("technology-leadership.yaml");
        String yaml = Files.readString(technology);
        String broken = yaml.replace("    threshold: 2\n    outcome: strategy-call\n    reason: Several",
                "    threshold: 6\n    outcome: strategy-call\n    reason: Several");
        assertThat(broken).as("the test edit applied").isNotEqualTo(yaml);
        Files.writeString(technology, broken);

        int exit = run("validate", copy.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).anySatisfy(line -> assertThat(line)
                .contains("technology-leadership.yaml: fit_rules[0].threshold: line ")
                .contains("threshold 6 is outside 1..5").contains("Fix: Set threshold to all, or to a number from 1 to 5"));
    }
}
