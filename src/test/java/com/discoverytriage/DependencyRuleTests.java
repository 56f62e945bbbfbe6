package com.discoverytriage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;

/**
 * The rooms of the house (see the README's architecture section): the rules and the flow never see a transport,
 * and each framework stays in the one package that can be swapped out.
 */
@DisplayName("Dependency rules between the packages")
class DependencyRuleTests {

    private static final String ROOT = "com.discoverytriage";
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Spring AOT's generated bean definitions (Foo__BeanDefinitions, written by the package phase) are
                // Spring wiring made from the configuration classes, not code anybody writes
                .withImportOption(location -> !location.contains("__"))
                .importPackages(ROOT);
    }

    @Test
    @DisplayName("Javacord types stay inside the Discord adapter")
    void javacordOnlyInDiscord() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".discord..")
                .should().dependOnClassesThat().resideInAPackage("org.javacord..")
                .check(classes);
    }

    @Test
    @DisplayName("inside the adapter, Javacord stays in the gateway room and the one class that wires the adapter")
    void javacordOnlyInTheGatewayRoom() {
        noClasses().that().resideInAnyPackage(ROOT + ".discord.http..", ROOT + ".discord.interaction..",
                        ROOT + ".discord.card..", ROOT + ".discord.render..")
                .should().dependOnClassesThat().resideInAPackage("org.javacord..")
                .check(classes);
        noClasses().that().resideInAPackage(ROOT + ".discord")
                .and().haveNameNotMatching(ROOT.replace(".", "\\.") + "\\.discord\\.DiscordConfiguration(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.javacord..")
                .check(classes);
    }

    @Test
    @DisplayName("Spring Statemachine types stay inside the conversation package")
    void statemachineOnlyInConversation() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".conversation..")
                .should().dependOnClassesThat().resideInAPackage("org.springframework.statemachine..")
                .check(classes);
    }

    @Test
    @DisplayName("nothing depends on the Discord adapter")
    void nothingImportsDiscord() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".discord..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".discord..")
                .check(classes);
    }

    @Test
    @DisplayName("diagnostics and scoring know nothing of conversations, summaries or transports")
    void rulesAreTheInnermostRoom() {
        noClasses().that().resideInAnyPackage(ROOT + ".diagnostic..", ROOT + ".scoring..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".conversation..", ROOT + ".summary..", ROOT + ".booking..",
                        ROOT + ".discord..", ROOT + ".console..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    @DisplayName("the scoring rules are plain Java: Spring only in the class that wires them")
    void scoringIsFrameworkFree() {
        noClasses().that().resideInAPackage(ROOT + ".scoring..")
                .and().areNotAnnotatedWith(Configuration.class)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..")
                .check(classes);
    }

    @Test
    @DisplayName("the conversation flow never talks to a summary, booking or transport package")
    void conversationDependsOnlyInwards() {
        noClasses().that().resideInAPackage(ROOT + ".conversation..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".summary..", ROOT + ".booking..", ROOT + ".discord..",
                        ROOT + ".console..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    @DisplayName("summaries and booking links never reach for a transport")
    void summaryAndBookingStayTransportFree() {
        noClasses().that().resideInAnyPackage(ROOT + ".summary..", ROOT + ".booking..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".discord..", ROOT + ".console..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    @DisplayName("the lead's life after the chat reads conversations through their port, never their tables' classes")
    void lifecycleUsesTheConversationPort() {
        noClasses().that().resideInAnyPackage(ROOT + ".lifecycle..", ROOT + ".export..", ROOT + ".webhook..")
                .should().dependOnClassesThat().haveNameMatching(
                        ROOT.replace(".", "\\.") + "\\.conversation\\.(ConversationStore|ConversationStates"
                                + "|StoredConversation|StateMachineConversationService)")
                .check(classes);
    }

    @Test
    @DisplayName("the database locks of several instances know nothing of the application's features")
    void clusterLocksAreALeaf() {
        noClasses().that().resideInAPackage(ROOT + ".cluster..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        ROOT + ".conversation..", ROOT + ".summary..", ROOT + ".discord..", ROOT + ".lifecycle..",
                        ROOT + ".webhook..", ROOT + ".export..", ROOT + ".console..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    @DisplayName("the statistics know no transport: no Discord, web or servlet type")
    void statsStayTransportFree() {
        noClasses().that().resideInAPackage(ROOT + ".stats..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".discord..", "org.javacord..",
                        "org.springframework.web..", "org.springframework.http..", "jakarta.servlet..",
                        ROOT + ".console..", ROOT + ".cli..")
                .check(classes);
    }

    @Test
    @DisplayName("only the Discord adapter names its own tables: everyone else erases through a port")
    void discordTablesStayInDiscord() throws IOException {
        Path main = Path.of("src/main/java");
        Path discord = main.resolve(ROOT.replace('.', '/')).resolve("discord");
        Pattern table = Pattern.compile("\\bdiscord_[a-z_]+", Pattern.CASE_INSENSITIVE);
        List<String> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java") && !f.startsWith(discord))
                    .filter(f -> table.matcher(read(f)).find())
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).as("sources outside discord naming a discord_ table").isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
