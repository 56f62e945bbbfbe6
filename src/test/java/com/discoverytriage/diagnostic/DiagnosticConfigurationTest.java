package com.discoverytriage.diagnostic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@DisplayName("Start-up with the conversation files")
@ExtendWith(OutputCaptureExtension.class)
class DiagnosticConfigurationTest {

    private static final String BAD_BANDS = """
            id: demo
            title: Demo
            questions:
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
                reason: Not yet.
              - min: 2
                max: 2
                outcome: call
                reason: A fit.
            outcomes:
              - id: call
                kind: book
                title: Book a call
                why: It fits.
              - id: later
                kind: alternative
                title: Later
                why: Not yet.
                next_step: Wait.
            """;

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(DiagnosticConfiguration.class);

    @Test
    @DisplayName("without triage.conversations-dir the set built into the application gives the catalog bean")
    void loadsTheRealFiles() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(DiagnosticCatalog.class).diagnostics()).hasSize(2);
            assertThat(context).hasSingleBean(DiagnosticLoader.class);
        });
    }

    @Test
    @DisplayName("a bad file stops the context, naming the file, the field and the fix")
    void badFileStopsTheContext() throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), BAD_BANDS);

        runner.withPropertyValues("triage.conversations-dir=" + dir).run(context -> {
            assertThat(context).hasFailed();
            Throwable failure = context.getStartupFailure();
            InvalidConversationFilesException cause = rootCause(failure, InvalidConversationFilesException.class);
            assertThat(cause.getMessage()).contains("demo.yaml", "bands", "no band covers 1 yes");

            FailureAnalysis analysis = new ConversationFilesFailureAnalyzer().analyze(failure);
            assertThat(analysis.getDescription()).contains("demo.yaml: bands: ", "no band covers 1 yes");
            assertThat(analysis.getAction()).contains("demo.yaml: bands: Add a band with min: 1 and max: 1");
        });
    }

    @Test
    @DisplayName("a blank directory setting is refused at start-up")
    void blankDirectoryRefused() {
        runner.withPropertyValues("triage.conversations-dir= ").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("conversationsDir");
        });
    }

    @Test
    @DisplayName("the application refuses to start and prints the problems and fixes (failure analyzer registered)")
    void applicationPrintsTheAnalysis(CapturedOutput output) throws IOException {
        Files.writeString(dir.resolve("demo.yaml"), BAD_BANDS);

        assertThatThrownBy(() -> new SpringApplicationBuilder(DiagnosticConfiguration.class)
                .properties("spring.main.web-application-type=none")
                // a command-line argument, because application.yml outranks builder default properties
                .run("--triage.conversations-dir=" + dir).close())
                .satisfies(e -> rootCause(e, InvalidConversationFilesException.class));

        assertThat(output).contains("APPLICATION FAILED TO START", "The conversation files are invalid (1 problem)",
                "demo.yaml: bands: line 10: no band covers 1 yes", "Action:", "Add a band with min: 1 and max: 1");
    }

    /** Stands for the heavy beans (database pool, migrations, web server): counts how often one was created. */
    static final class HeavyBean {
        static final java.util.concurrent.atomic.AtomicInteger CREATED = new java.util.concurrent.atomic.AtomicInteger();

        HeavyBean() {
            CREATED.incrementAndGet();
        }
    }

    @Test
    @DisplayName("bad files stop start-up before any other bean is created (database, migrations, web server)")
    void filesCheckedBeforeAnythingHeavy() throws IOException {
        // given bad files, and a heavy bean registered before the diagnostic configuration
        Files.writeString(dir.resolve("demo.yaml"), BAD_BANDS);
        HeavyBean.CREATED.set(0);

        new ApplicationContextRunner()
                .withBean(HeavyBean.class)
                .withUserConfiguration(DiagnosticConfiguration.class)
                .withPropertyValues("triage.conversations-dir=" + dir)
                .run(context -> {
                    // then start-up fails on the files and the heavy bean was never created
                    assertThat(context).hasFailed();
                    rootCause(context.getStartupFailure(), InvalidConversationFilesException.class);
                    assertThat(HeavyBean.CREATED).hasValue(0);
                });
    }

    private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + failure);
    }
}
