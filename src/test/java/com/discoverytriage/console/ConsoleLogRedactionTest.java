package com.discoverytriage.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.ConversationProperties;
import com.discoverytriage.conversation.StateMachineConversationService;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.fixtures.TraceLogs;
import com.discoverytriage.scoring.Rules;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Issue 9, item 7: a console triage through the real conversation service and its JDBC store, with the root logger
 * at TRACE and application.yml's guards applied: no line carries the name, a name-derived id or an answer.
 */
@DisplayName("A console triage logs no name, no name-derived id and no answer, even at TRACE")
class ConsoleLogRedactionTest {

    private static final String NAME = "Quillon Vasquez-Brightwater";
    private static final String FREE_TEXT = "Snorkelworks Ltd, Head of Kelp";

    @Test
    void wholeConsoleTriageAtTrace() {
        DataSource db = MigratedDatabase.fresh();
        StateMachineConversationService service = new StateMachineConversationService(ConsoleFixtures.catalog(),
                new Rules(), db, new DataSourceTransactionManager(db), List.of(), null, Clock.systemUTC(),
                new ConversationProperties(2, 64), StateMachineConversationService.DEFAULT_RETENTION_DAYS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> lines;
        try (TraceLogs logs = new TraceLogs()) {
            new ConsoleTriage(service, ConsoleFixtures.catalog(),
                    new BufferedReader(new StringReader(FREE_TEXT + "\nno\nyes\nyes\nno\nconfirm\n")), print, print)
                    .run(new ConsoleTriage.Options("tiny", NAME, true, false));
            lines = logs.lines();
        }

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Result:");
        assertThat(lines).as("the service did log at DEBUG/TRACE").isNotEmpty();
        String slug = NAME.toLowerCase(Locale.ROOT).replace(' ', '-');
        for (String secret : List.of(NAME, slug, "vasquez", FREE_TEXT, "Snorkelworks")) {
            assertThat(lines).as("log lines containing " + secret)
                    .noneMatch(line -> line.toLowerCase(Locale.ROOT).contains(secret.toLowerCase(Locale.ROOT)));
        }
    }
}
