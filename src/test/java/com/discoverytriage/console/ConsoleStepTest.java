package com.discoverytriage.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.ConversationProperties;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.StateMachineConversationService;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.scoring.Rules;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Issue 9, item 5: two console sessions for one prospect (two terminals, same name) on the real conversation
 * service. An answer typed for the question one session showed must never be stored against the question the other
 * session has moved on to.
 */
@DisplayName("The console passes the step of the question it showed")
class ConsoleStepTest {

    private final DataSource db = MigratedDatabase.fresh();
    private final ConversationService service = new StateMachineConversationService(ConsoleFixtures.catalog(),
            new Rules(), db, new DataSourceTransactionManager(db), List.of(), null, Clock.systemUTC(),
            new ConversationProperties(2, 64), StateMachineConversationService.DEFAULT_RETENTION_DAYS);

    private ConsoleTriage console(Reader input, ByteArrayOutputStream out) {
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        return new ConsoleTriage(service, ConsoleFixtures.catalog(), new BufferedReader(input), print, print);
    }

    @Test
    void givenTwoSessionsAtTheSameQuestion_whenTheSecondMovesOn_thenTheFirstsAnswerIsNotStoredOnTheNextQuestion() {
        ByteArrayOutputStream firstOut = new ByteArrayOutputStream();
        ByteArrayOutputStream secondOut = new ByteArrayOutputStream();
        // the first terminal skips the optional company question and sees "Are you still searching for
        // product-market fit?"; before its "yes" arrives, a second terminal answers that same question "no"
        Deque<String> firstLines = new ArrayDeque<>(List.of("", "yes"));
        Reader firstInput = new LineReader(firstLines, () -> {
            if (firstLines.size() == 1) {
                console(new StringReader("no\n"), secondOut).run(new ConsoleTriage.Options("tiny", "Ada", false, true));
            }
        });

        console(firstInput, firstOut).run(new ConsoleTriage.Options("tiny", "Ada", false, true));

        Map<String, String> answers = service.find(ConsoleTriage.prospectFor("Ada")).orElseThrow().answers().values();
        assertThat(answers).containsEntry("early", "no").doesNotContainKey("s1");
        assertThat(firstOut.toString(StandardCharsets.UTF_8)).contains("Is the roadmap a list of requests?");
    }

    /** A reader that hands out one line per read of a line, running a hook before each. */
    private static final class LineReader extends Reader {
        private final Deque<String> lines;
        private final Runnable beforeEachLine;
        private StringReader current = new StringReader("");

        LineReader(Deque<String> lines, Runnable beforeEachLine) {
            this.lines = lines;
            this.beforeEachLine = beforeEachLine;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            try {
                int n = current.read(buffer, offset, length);
                if (n > 0) {
                    return n;
                }
                if (lines.isEmpty()) {
                    return -1;
                }
                beforeEachLine.run();
                current = new StringReader(lines.poll() + "\n");
                return current.read(buffer, offset, length);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
        }
    }
}
