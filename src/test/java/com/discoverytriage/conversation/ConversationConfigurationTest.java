package com.discoverytriage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.scoring.Rules;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

@DisplayName("Wiring of the conversation service")
class ConversationConfigurationTest {

    private static final ProspectId PROSPECT = new ProspectId("console:local");

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class,
                        ValidationAutoConfiguration.class))
                .withUserConfiguration(ConversationConfiguration.class)
                .withBean(DiagnosticCatalog.class, TestCatalogs::standard)
                .withBean(Rules.class, Rules::new)
                .withPropertyValues("spring.datasource.url=jdbc:h2:file:" + directory.resolve("triage").toAbsolutePath());
    }

    @Test
    @DisplayName("a new application context over the same database resumes the conversation; listeners are told")
    void resumesAcrossContexts() {
        List<ConversationSnapshot> heard = new ArrayList<>();
        // given
        runner().withBean(ConversationListener.class, () -> heard::add).run(context -> {
            ConversationService service = context.getBean(ConversationService.class);
            service.handle(PROSPECT, new Command.Start("product", "Anna"));
            service.handle(PROSPECT, new Command.Answer("yes"));
            assertThat(context.getBean(Clock.class)).isEqualTo(Clock.systemUTC());
        });

        // when / then
        runner().run(context -> {
            View view = context.getBean(ConversationService.class).handle(PROSPECT, new Command.Show());
            assertThat(((View.QuestionView) view).questionId()).isEqualTo("p2");
            assertThat(context.getBean(FinishedTriages.class).findAll(null)).isEmpty();
        });
        assertThat(heard).extracting(ConversationSnapshot::phase).containsExactly(Phase.ASKING, Phase.ASKING);
    }

    @Test
    @DisplayName("a Clock bean of the application replaces the default; a bad pool setting stops start-up")
    void clockAndProperties() {
        Clock fixed = Clock.fixed(java.time.Instant.parse("2025-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);
        runner().withBean(Clock.class, () -> fixed).run(context -> {
            assertThat(context.getBean(Clock.class)).isSameAs(fixed);
            context.getBean(ConversationService.class).handle(PROSPECT, new Command.Start(null, null));
            assertThat(context.getBean(ConversationService.class).find(PROSPECT).orElseThrow().startedAt())
                    .isEqualTo(fixed.instant());
        });
        runner().withPropertyValues("triage.conversation.lock-stripes=1000").run(context ->
                assertThat(context).hasFailed());
    }
}
