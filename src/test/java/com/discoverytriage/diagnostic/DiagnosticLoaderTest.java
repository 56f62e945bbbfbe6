package com.discoverytriage.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayName("DiagnosticLoader")
class DiagnosticLoaderTest {

    /** A small diagnostic that is valid; each test breaks exactly one thing in it. */
    private static final String VALID = """
            id: demo
            title: Demo diagnostic
            questions:
              - id: name
                kind: text
                text: Who are you?
              - id: too-early
                kind: gate
                text: Is it too early?
              - id: s1
                kind: signal
                text: First signal?
              - id: s2
                kind: signal
                text: Second signal?
            bands:
              - min: 0
                max: 0
                outcome: later
                reason: Nothing points to a fit yet.
              - min: 1
                max: 2
                outcome: call
                reason: Enough points to a fit.
            gates:
              - id: early
                question: too-early
                when: yes
                outcome: later
                reason: It is too early for this.
            outcomes:
              - id: call
                kind: book
                title: Book a call
                why: It fits.
              - id: later
                kind: alternative
                title: Come back later
                why: It does not fit yet.
                next_step: Do something else first.
            profile_label: Situation
            profiles:
              - id: p1
                title: First situation
                questions: [s1]
            """;

    @TempDir
    Path dir;

    private final DiagnosticLoader loader = new DiagnosticLoader();

    // ---- the files that load ----

    @Test
    @DisplayName("the real conversations/ directory loads: both diagnostics and the routing question")
    void realDirectoryLoads() {
        DiagnosticCatalog catalog = loader.load(Path.of("conversations"));

        assertThat(catalog.diagnostics()).extracting(Diagnostic::id)
                .containsExactly("product-leadership", "technology-leadership");
        assertThat(catalog.routing().routes()).extracting(Route::diagnostic)
                .containsExactlyInAnyOrder("product-leadership", "technology-leadership");
        assertThat(catalog.require("product-leadership").counted()).hasSize(9);
        assertThat(catalog.require("technology-leadership").counted()).hasSize(3);
    }

    @Test
    @DisplayName("a valid file loads with its source name, a 12-hex version of its bytes, and questions in file order")
    void validFileLoads() throws IOException {
        write("demo.yaml", VALID);

        Diagnostic demo = loader.load(dir).require("demo");

        assertThat(demo.source()).isEqualTo("demo.yaml");
        assertThat(demo.version()).matches("[0-9a-f]{12}");
        assertThat(demo.questions()).extracting(Question::id).containsExactly("name", "too-early", "s1", "s2");
        assertThat(demo.counted()).containsExactly("s1", "s2");
        assertThat(demo.gates().get(0).when()).isEqualTo(Reply.YES);
    }

    @Test
    @DisplayName("editing a file changes its version; an identical file keeps it")
    void versionFollowsTheBytes() throws IOException {
        write("demo.yaml", VALID);
        String before = loader.load(dir).require("demo").version();
        assertThat(loader.load(dir).require("demo").version()).isEqualTo(before);

        write("demo.yaml", VALID.replace("Book a call", "Book a strategy call"));

        assertThat(loader.load(dir).require("demo").version()).isNotEqualTo(before);
    }

    @Test
    @DisplayName("README.md, non-YAML files and sub-folders such as transcripts/ are ignored")
    void otherFilesIgnored() throws IOException {
        write("demo.yaml", VALID);
        write("README.md", "# not a diagnostic: [");
        Files.createDirectories(dir.resolve("transcripts"));
        Files.writeString(dir.resolve("transcripts/clear-fit.yaml"), "not: [valid");

        assertThat(loader.load(dir).diagnostics()).extracting(Diagnostic::id).containsExactly("demo");
    }

    @Test
    @DisplayName("with a single diagnostic, routing.yaml may be left out")
    void singleDiagnosticNeedsNoRouting() throws IOException {
        write("demo.yaml", VALID);

        assertThat(loader.load(dir).routing().routes()).extracting(Route::diagnostic).containsExactly("demo");
    }

    // ---- one test per rejection ----

    @Test
    @DisplayName("rejects a YAML syntax error, giving its line")
    void syntaxError() throws IOException {
        write("demo.yaml", VALID.replace("    text: First signal?", "    text: [First signal?"));

        ConversationFileProblem problem = onlyProblem("demo.yaml");
        assertThat(problem.path()).isEqualTo("line 12");
        assertThat(problem.message()).contains("not valid YAML", "line 1");
        assertThat(problem.fix()).isNotBlank();
    }

    @Test
    @DisplayName("rejects an unknown key (a likely typo), naming the allowed keys")
    void unknownKey() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    text: Second signal?", "    txet: Second signal?"));

        ConversationFileProblem problem = problem("demo.yaml", "questions[3].txet");
        assertThat(problem.message()).contains("unknown key 'txet'");
        assertThat(problem.fix()).contains("Did you mean 'text'?", "id, kind, text, help, optional, max_length");
    }

    static Stream<Arguments> missingTexts() {
        return Stream.of(
                Arguments.of("question text", "    text: First signal?\n", "    text: ''\n", "questions[2].text"),
                Arguments.of("band reason", "    reason: Enough points to a fit.\n", "", "bands[1].reason"),
                Arguments.of("gate reason", "    reason: It is too early for this.\n", "    reason: '  '\n",
                        "gates[0].reason"),
                Arguments.of("outcome title", "    title: Come back later\n", "", "outcomes[1].title"),
                Arguments.of("outcome why", "    why: It fits.\n", "    why:\n", "outcomes[0].why"),
                Arguments.of("diagnostic title", "title: Demo diagnostic\n", "", "title"),
                Arguments.of("profile title", "    title: First situation\n", "", "profiles[0].title"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingTexts")
    @DisplayName("rejects a missing or empty text a prospect would read")
    void missingText(String what, String from, String to, String path) throws IOException {
        write("demo.yaml", replaceOnce(VALID, from, to));

        ConversationFileProblem problem = problem("demo.yaml", path);
        assertThat(problem.message()).contains("missing or empty text");
        assertThat(problem.fix()).startsWith("Write ");
    }

    @Test
    @DisplayName("rejects a question without an id")
    void missingId() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - id: s2\n    kind: signal", "  - kind: signal"));

        ConversationFileProblem problem = problem("demo.yaml", "questions[3].id");
        assertThat(problem.message()).contains("has no id");
        assertThat(problem.fix()).contains("Add an id");
    }

    static Stream<Arguments> duplicateIds() {
        return Stream.of(
                Arguments.of("question", "  - id: s2\n    kind: signal", "  - id: s1\n    kind: signal",
                        "questions[3].id"),
                Arguments.of("outcome", "  - id: later\n    kind: alternative", "  - id: call\n    kind: alternative",
                        "outcomes[1].id"),
                Arguments.of("gate", "gates:\n", """
                        gates:
                          - id: early
                            question: too-early
                            when: unsure
                            outcome: later
                            reason: Unsure is too early too.
                        """, "gates[1].id"),
                Arguments.of("profile", "    questions: [s1]\n", """
                            questions: [s1]
                          - id: p1
                            title: Again
                            questions: [s2]
                        """, "profiles[1].id"));
    }

    @ParameterizedTest(name = "duplicate {0} id")
    @MethodSource("duplicateIds")
    @DisplayName("rejects duplicate ids within a file")
    void duplicateIdWithinFile(String what, String from, String to, String path) throws IOException {
        write("demo.yaml", replaceOnce(VALID, from, to));

        ConversationFileProblem problem = problem("demo.yaml", path);
        assertThat(problem.message()).contains("duplicate " + what + " id");
        assertThat(problem.fix()).contains("its own id");
    }

    @Test
    @DisplayName("rejects two files declaring the same diagnostic id")
    void duplicateDiagnosticId() throws IOException {
        write("demo.yaml", VALID);
        write("demo-copy.yaml", VALID);
        write("routing.yaml", "text: Which?\nroutes:\n  - label: Demo\n    diagnostic: demo\n");

        ConversationFileProblem problem = problem("demo.yaml", "id");
        assertThat(problem.message()).contains("already used by demo-copy.yaml");
        assertThat(problem.fix()).contains("its own id");
    }

    static Stream<Arguments> unknownValues() {
        return Stream.of(
                Arguments.of("question kind", "    kind: gate\n", "    kind: knockout\n", "questions[1].kind",
                        "signal, gate, text"),
                Arguments.of("gate when", "    when: yes\n", "    when: perhaps\n", "gates[0].when", "yes, no or unsure"),
                Arguments.of("outcome kind", "    kind: alternative\n", "    kind: referral\n", "outcomes[1].kind",
                        "book or alternative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownValues")
    @DisplayName("rejects an unknown kind, when or outcome kind value")
    void unknownValue(String what, String from, String to, String path, String allowed) throws IOException {
        write("demo.yaml", replaceOnce(VALID, from, to));

        ConversationFileProblem problem = problem("demo.yaml", path);
        assertThat(problem.message()).contains("unknown");
        assertThat(problem.fix()).contains(allowed);
    }

    @Test
    @DisplayName("rejects a count no band covers (a gap), naming the missing counts")
    void gap() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - min: 1\n    max: 2\n", "  - min: 2\n    max: 2\n"));

        ConversationFileProblem problem = problem("demo.yaml", "bands");
        assertThat(problem.message()).contains("no band covers 1 yes");
        assertThat(problem.fix()).contains("min: 1", "max: 1");
    }

    @Test
    @DisplayName("rejects overlapping bands")
    void overlap() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - min: 1\n    max: 2\n", "  - min: 0\n    max: 2\n"));

        ConversationFileProblem problem = problem("demo.yaml", "bands[1]");
        assertThat(problem.message()).contains("overlaps bands[0]", "at 0 yes");
        assertThat(problem.fix()).contains("disjoint");
    }

    @Test
    @DisplayName("rejects a band whose min is greater than its max")
    void minAboveMax() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - min: 1\n    max: 2\n", "  - min: 2\n    max: 1\n"));

        ConversationFileProblem problem = problem("demo.yaml", "bands[1].min");
        assertThat(problem.message()).contains("min 2 is greater than max 1");
        assertThat(problem.fix()).contains("min <= max");
    }

    @Test
    @DisplayName("rejects a band reaching beyond the number of counted questions")
    void bandOutOfRange() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - min: 1\n    max: 2\n", "  - min: 1\n    max: 3\n"));

        ConversationFileProblem problem = problem("demo.yaml", "bands[1].max");
        assertThat(problem.message()).contains("outside 0..2");
        assertThat(problem.fix()).contains("between 0 and 2");
    }

    // ---- fit rules ----

    private static final String FIT_RULE = """
            fit_rules:
              - id: both
                title: Both signals
                questions: [s1, s2]
                threshold: all
                outcome: call
                reason: Both signals together are the situation the call is for.
            outcomes:
            """;

    private static String withFitRule(String from, String to) {
        String yaml = replaceOnce(VALID, "outcomes:\n", FIT_RULE);
        return from == null ? yaml : replaceOnce(yaml, from, to);
    }

    @Test
    @DisplayName("a fit rule loads: group, threshold (all or at least N), outcome and reason")
    void fitRuleLoads() throws IOException {
        write("demo.yaml", withFitRule("    threshold: all\n", "    threshold: 1\n"));

        FitRule rule = loader.load(dir).require("demo").fitRules().get(0);

        assertThat(rule.id()).isEqualTo("both");
        assertThat(rule.questions()).containsExactly("s1", "s2");
        assertThat(rule.atLeast()).isEqualTo(1);
        assertThat(rule.thresholdText()).isEqualTo("at least 1 of 2");
    }

    static Stream<Arguments> brokenFitRules() {
        return Stream.of(
                Arguments.of("unknown question", "questions: [s1, s2]", "questions: [s1, s9]", "fit_rules[0].questions[1]",
                        "'s9' is not a question", "s1, s2"),
                Arguments.of("a gate question", "questions: [s1, s2]", "questions: [s1, too-early]", "fit_rules[0].questions[1]",
                        "is a gate question", "signal"),
                Arguments.of("threshold above the group", "threshold: all", "threshold: 3", "fit_rules[0].threshold",
                        "threshold 3 is outside 1..2", "from 1 to 2"),
                Arguments.of("threshold zero", "threshold: all", "threshold: 0", "fit_rules[0].threshold",
                        "threshold 0 is outside 1..2", "from 1 to 2"),
                Arguments.of("threshold not a number", "threshold: all", "threshold: most", "fit_rules[0].threshold",
                        "'most' is not a threshold", "all, or to a number"),
                Arguments.of("unknown outcome", "    outcome: call\n    reason: Both", "    outcome: cal\n    reason: Both",
                        "fit_rules[0].outcome", "'cal' is not an outcome", "call, later"),
                Arguments.of("empty reason", "reason: Both signals together are the situation the call is for.", "reason: ''",
                        "fit_rules[0].reason", "missing or empty", "Write why"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFitRules")
    @DisplayName("rejects a broken fit rule with file, field, line and fix")
    void brokenFitRule(String what, String from, String to, String path, String message, String fix) throws IOException {
        write("demo.yaml", withFitRule(from, to));

        ConversationFileProblem problem = problem("demo.yaml", path);

        assertThat(problem.message()).contains(message).containsPattern("^line \\d+: ");
        assertThat(problem.fix()).contains(fix);
        assertThat(problem.toString()).startsWith(dir.resolve("demo.yaml") + ": " + path + ": line ");
    }

    @Test
    @DisplayName("rejects a band naming an outcome that does not exist")
    void bandUnknownOutcome() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    outcome: call\n", "    outcome: cal\n"));

        ConversationFileProblem problem = problem("demo.yaml", "bands[1].outcome");
        assertThat(problem.message()).contains("'cal' is not an outcome");
        assertThat(problem.fix()).contains("call, later");
    }

    @Test
    @DisplayName("rejects a gate naming an outcome that does not exist")
    void gateUnknownOutcome() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    when: yes\n    outcome: later\n", "    when: yes\n    outcome: soon\n"));

        ConversationFileProblem problem = problem("demo.yaml", "gates[0].outcome");
        assertThat(problem.message()).contains("'soon' is not an outcome");
        assertThat(problem.fix()).contains("call, later");
    }

    @Test
    @DisplayName("rejects a gate on a question that is not of kind gate")
    void gateOnSignal() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    question: too-early\n", "    question: s1\n"));

        ConversationFileProblem problem = problem("demo.yaml", "gates[0].question");
        assertThat(problem.message()).contains("'s1' is a signal question, not a gate question");
        assertThat(problem.fix()).contains("kind to gate");
    }

    @Test
    @DisplayName("rejects a gate on a question that does not exist")
    void gateOnUnknownQuestion() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    question: too-early\n", "    question: too-late\n"));

        ConversationFileProblem problem = problem("demo.yaml", "gates[0].question");
        assertThat(problem.message()).contains("'too-late' is not a question");
        assertThat(problem.fix()).contains("too-early");
    }

    @Test
    @DisplayName("rejects a gate that leads to a book outcome (gates lead to alternatives)")
    void gateToBook() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    when: yes\n    outcome: later\n", "    when: yes\n    outcome: call\n"));

        ConversationFileProblem problem = problem("demo.yaml", "gates[0].outcome");
        assertThat(problem.message()).contains("book outcome");
        assertThat(problem.fix()).contains("kind alternative");
    }

    @Test
    @DisplayName("rejects 'counted' naming a question that is not a signal")
    void countedNonSignal() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "bands:\n", "counted: [s1, too-early]\nbands:\n"));

        ConversationFileProblem problem = problem("demo.yaml", "counted[1]");
        assertThat(problem.message()).contains("'too-early' is a gate question");
        assertThat(problem.fix()).isNotBlank();
    }

    @Test
    @DisplayName("rejects 'counted' naming a question that does not exist")
    void countedUnknown() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "bands:\n", "counted: [s1, s3]\nbands:\n"));

        ConversationFileProblem problem = problem("demo.yaml", "counted[1]");
        assertThat(problem.message()).contains("'s3' is not a question");
        assertThat(problem.fix()).contains("s1", "s2");
    }

    @Test
    @DisplayName("rejects a profile naming a question that does not exist")
    void profileUnknownQuestion() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    questions: [s1]\n", "    questions: [s1, s9]\n"));

        ConversationFileProblem problem = problem("demo.yaml", "profiles[0].questions[1]");
        assertThat(problem.message()).contains("'s9' is not a question");
        assertThat(problem.fix()).contains("s1, s2");
    }

    @Test
    @DisplayName("rejects a diagnostic without any book outcome")
    void noBookOutcome() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    kind: book\n", "    kind: alternative\n    next_step: Wait.\n"));

        ConversationFileProblem problem = problem("demo.yaml", "outcomes");
        assertThat(problem.message()).contains("no outcome of kind book");
        assertThat(problem.fix()).contains("kind: book");
    }

    @Test
    @DisplayName("rejects a question text over 300 characters (read on a phone)")
    void questionTooLong() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    text: First signal?", "    text: " + "a".repeat(301)));

        ConversationFileProblem problem = problem("demo.yaml", "questions[2].text");
        assertThat(problem.message()).contains("301 characters", "at most 300");
        assertThat(problem.fix()).contains("Shorten it");
    }

    @Test
    @DisplayName("rejects an alternative outcome without a next step")
    void alternativeWithoutNextStep() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    next_step: Do something else first.\n", ""));

        ConversationFileProblem problem = problem("demo.yaml", "outcomes[1].next_step");
        assertThat(problem.message()).contains("missing or empty text");
        assertThat(problem.fix()).contains("instead of a call");
    }

    @Test
    @DisplayName("rejects a routing route naming an unknown diagnostic")
    void routeToUnknownDiagnostic() throws IOException {
        write("demo.yaml", VALID);
        write("routing.yaml", "text: Which?\nroutes:\n  - label: Demo\n    diagnostic: dmeo\n");

        ConversationFileProblem problem = problem("routing.yaml", "routes[0].diagnostic");
        assertThat(problem.message()).contains("'dmeo' is not the id of any diagnostic");
        assertThat(problem.fix()).contains("demo");
    }

    @Test
    @DisplayName("rejects a routing route label longer than a Discord button holds (80)")
    void routeLabelTooLong() throws IOException {
        write("demo.yaml", VALID);
        write("routing.yaml", "text: Which?\nroutes:\n  - label: " + "x".repeat(81) + "\n    diagnostic: demo\n");

        ConversationFileProblem problem = problem("routing.yaml", "routes[0].label");
        assertThat(problem.message()).contains("at most 80");
        assertThat(problem.fix()).contains("Shorten");
    }

    @Test
    @DisplayName("rejects two or more diagnostics without routing.yaml")
    void missingRouting() throws IOException {
        write("demo.yaml", VALID);
        write("other.yaml", VALID.replace("id: demo", "id: other"));

        ConversationFileProblem problem = problem("routing.yaml", "(file)");
        assertThat(problem.message()).contains("routing.yaml is missing", "demo", "other");
        assertThat(problem.fix()).contains("Add routing.yaml");
    }

    @Test
    @DisplayName("rejects an empty directory")
    void emptyDirectory() {
        ConversationFileProblem problem = onlyProblem(dir.getFileName().toString());
        assertThat(problem.path()).isEqualTo("(directory)");
        assertThat(problem.message()).contains("no diagnostic file");
        assertThat(problem.fix()).contains("<id>.yaml");
    }

    @Test
    @DisplayName("rejects a directory holding only a routing file and a README (no diagnostics)")
    void noDiagnostics() throws IOException {
        write("README.md", "# notes");
        write("routing.yaml", "text: Which?\nroutes:\n  - label: Demo\n    diagnostic: demo\n");

        assertThat(problem(dir.getFileName().toString(), "(directory)").message()).contains("no diagnostic file");
    }

    @Test
    @DisplayName("rejects a directory that does not exist")
    void missingDirectory() {
        Path missing = dir.resolve("nowhere");

        InvalidConversationFilesException e = catchThrowableOfType(InvalidConversationFilesException.class,
                () -> loader.load(missing));
        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).endsWith("nowhere");
            assertThat(p.fix()).contains("triage.conversations-dir");
        });
    }

    @Test
    @DisplayName("rejects an empty file")
    void emptyFile() throws IOException {
        write("demo.yaml", "# nothing yet\n");

        assertThat(onlyProblem("demo.yaml").message()).contains("the file is empty");
    }

    @Test
    @DisplayName("rejects a value of the wrong type, such as a band bound that is not a number")
    void wrongType() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - min: 1\n", "  - min: one\n"));

        ConversationFileProblem problem = problem("demo.yaml", "bands[1].min");
        assertThat(problem.message()).contains("'one' is not a valid whole number");
        assertThat(problem.fix()).contains("whole number");
    }

    @Test
    @DisplayName("rejects an id that could not travel in answers or Discord buttons")
    void invalidIdFormat() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "  - id: s2\n", "  - id: Second Signal\n"));

        ConversationFileProblem problem = problem("demo.yaml", "questions[3].id");
        assertThat(problem.message()).contains("not a valid id");
        assertThat(problem.fix()).contains("lower-case");
    }

    @Test
    @DisplayName("rejects a gate question no gate uses (its answer would change nothing)")
    void unusedGateQuestion() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "gates:\n  - id: early\n    question: too-early\n    when: yes\n"
                + "    outcome: later\n    reason: It is too early for this.\n", ""));

        ConversationFileProblem problem = problem("demo.yaml", "questions[1].kind");
        assertThat(problem.message()).contains("used by no gate");
        assertThat(problem.fix()).contains("question: too-early");
    }

    @Test
    @DisplayName("rejects 'optional' on a signal question")
    void optionalSignal() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    text: Second signal?\n", "    text: Second signal?\n    optional: true\n"));

        assertThat(problem("demo.yaml", "questions[3].optional").fix()).contains("Remove 'optional'");
    }

    @Test
    @DisplayName("reports every problem of every file together, each with file, path and fix")
    void allProblemsTogether() throws IOException {
        write("demo.yaml", VALID
                .replace("    text: Second signal?", "    txet: Second signal?")
                .replace("  - min: 1\n    max: 2\n", "  - min: 2\n    max: 2\n")
                .replace("    next_step: Do something else first.\n", ""));
        write("broken.yaml", "id: broken\n  title: [\n");
        write("routing.yaml", "text: Which?\nroutes:\n  - label: Demo\n    diagnostic: missing\n");

        InvalidConversationFilesException e = catchThrowableOfType(InvalidConversationFilesException.class,
                () -> loader.load(dir));

        assertThat(e.problems()).extracting(p -> fileName(p) + " " + p.path()).contains(
                "demo.yaml questions[3].txet",
                "demo.yaml bands",
                "demo.yaml outcomes[1].next_step",
                "broken.yaml line 2",
                "routing.yaml routes[0].diagnostic");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.fix()).isNotBlank());
        assertThat(e.getMessage()).contains("problems in the conversation files", "demo.yaml: bands:");
    }

    @Test
    @DisplayName("gives the line where a problem is, so it can be found in an editor")
    void problemsGiveTheLine() throws IOException {
        write("demo.yaml", replaceOnce(VALID, "    outcome: call\n", "    outcome: cal\n"));

        assertThat(problem("demo.yaml", "bands[1].outcome").message()).startsWith("line 23: ");
    }

    // ---- helpers ----

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        assertThat(at).as("'%s' in the template", from).isNotNegative();
        assertThat(text.indexOf(from, at + 1)).as("'%s' only once in the template", from).isNegative();
        return text.replace(from, to);
    }

    private List<ConversationFileProblem> problems() {
        InvalidConversationFilesException e = catchThrowableOfType(InvalidConversationFilesException.class,
                () -> loader.load(dir));
        assertThat(e).as("the loader should refuse these files").isNotNull();
        return e.problems();
    }

    private ConversationFileProblem problem(String fileName, String path) {
        List<ConversationFileProblem> problems = problems();
        return problems.stream()
                .filter(p -> fileName(p).equals(fileName) && p.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no problem at " + fileName + " " + path + " among " + problems));
    }

    private ConversationFileProblem onlyProblem(String fileName) {
        List<ConversationFileProblem> problems = problems();
        assertThat(problems).hasSize(1);
        assertThat(fileName(problems.get(0))).isEqualTo(fileName);
        return problems.get(0);
    }

    private static String fileName(ConversationFileProblem problem) {
        return Path.of(problem.file()).getFileName().toString();
    }
}
