package com.discoverytriage.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.ForgetService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.logging.LoggingSystemProperty;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;

@ExtendWith(OutputCaptureExtension.class)
@DisplayName("JSON logs (Spring Boot structured logging): every line JSON, still no name or answer")
class StructuredLoggingTest {

    /** The JVM system property Spring Boot copies logging.structured.format.console into (set only when absent). */
    private static final String STRUCTURED_FORMAT = LoggingSystemProperty.CONSOLE_STRUCTURED_FORMAT.getEnvironmentVariableName();

    @TempDir
    Path data;

    private String structuredFormatBefore;

    @BeforeEach
    void rememberLogFormat() {
        structuredFormatBefore = System.getProperty(STRUCTURED_FORMAT);
    }

    /**
     * Closing the application leaves Logback's console appender writing JSON, and the system property above keeps
     * every later application in this JVM on JSON too: put both back, so that tests after this one (same surefire
     * JVM) see the plain console format they would see without it.
     */
    @AfterEach
    void restoreLogFormat() {
        if (structuredFormatBefore == null) {
            System.clearProperty(STRUCTURED_FORMAT);
        } else {
            System.setProperty(STRUCTURED_FORMAT, structuredFormatBefore);
        }
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.cleanUp();
        logging.beforeInitialize();
        logging.initialize(new LoggingInitializationContext(new StandardEnvironment()), null, null);
        // initialised but marked as not, so that the next application configures logging its own way
        logging.cleanUp();
    }

    @Test
    void ecsLinesWithoutPersonalData(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext c = new SpringApplicationBuilder(DiscoveryTriageApplication.class)
                .web(WebApplicationType.NONE).run(
                        "--spring.datasource.url=jdbc:h2:file:" + data.resolve("triage").toAbsolutePath(),
                        "--triage.discord.enabled=false", "--triage.lifecycle-scheduler-enabled=false",
                        "--logging.structured.format.console=ecs")) {
            ProspectId prospect = new ProspectId("console:zebulon-quartz");
            ConversationService conversations = c.getBean(ConversationService.class);
            conversations.handle(prospect, new Command.Start("product-leadership", "Zebulon Quartz"));
            for (String answer : List.of("Quartzworks, founder", "3 people", "", "yes")) {
                conversations.handle(prospect, new Command.Answer(answer));
            }
            conversations.handle(prospect, new Command.Confirm());
            c.getBean(ForgetService.class).forget(prospect);
        }
        List<String> lines = output.getOut().lines().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("log lines").isNotEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            assertThat(json.readTree(line).has("message")).as(line).isTrue();
        }
        assertThat(output.getOut()).contains("forget: 1 triages erased")
                .doesNotContain("Zebulon", "zebulon", "Quartzworks");
    }
}
