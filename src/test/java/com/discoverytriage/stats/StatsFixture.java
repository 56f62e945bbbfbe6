package com.discoverytriage.stats;

import com.discoverytriage.booking.BookingProperties;
import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationConfiguration;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.diagnostic.Band;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.OutcomeDefinition;
import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.diagnostic.Route;
import com.discoverytriage.diagnostic.Routing;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.lifecycle.BookingUpdates;
import com.discoverytriage.lifecycle.LifecycleConfiguration;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.scoring.Rules;
import com.discoverytriage.summary.LeadRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The seeded set of triages the statistics tests (and the committed chart) are made from, run through the real
 * conversation service on a movable clock: every figure in {@link TriageStatisticsTest} is worked out from the
 * story told in {@link #seed}.
 */
public final class StatsFixture {

    /** The week the figures cover: [Tue 2025-03-04, Tue 2025-03-11) UTC. */
    public static final Instant SINCE = Instant.parse("2025-03-04T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2025-03-11T00:00:00Z");
    /** When the figures are read: more than 7 days (expire-after) after C's last answer, 2 days after F's. */
    public static final Instant AS_OF = Instant.parse("2025-03-12T10:00:00Z");

    private StatsFixture() {
    }

    /** A second diagnostic with other questions: its triages never count against tiny's questions. */
    static Diagnostic duo() {
        return new Diagnostic("duo", "Duo leadership", "Two questions.",
                List.of(new Question("d1", QuestionKind.SIGNAL, "First?", null, false, 0),
                        new Question("d2", QuestionKind.SIGNAL, "Second?", null, false, 0)),
                List.of("d1", "d2"),
                List.of(new Band(0, 0, "later", "None apply."), new Band(1, 2, "talk", "Some apply.")),
                List.of(),
                List.of(new OutcomeDefinition("talk", OutcomeKind.BOOK, "Book", "Talk.", "Pick a time.", null),
                        new OutcomeDefinition("later", OutcomeKind.ALTERNATIVE, "Later", "Not now.", "Wait.",
                                "More.")),
                null, List.of(), "def456", "conversations/duo.yaml");
    }

    public static DiagnosticCatalog catalog() {
        return new DiagnosticCatalog(List.of(ConsoleFixtures.tiny(), duo()),
                new Routing("What would you like help with?", null,
                        List.of(new Route("Tiny leadership", "tiny"), new Route("Duo leadership", "duo")),
                        "conversations/routing.yaml"));
    }

    public static ApplicationContextRunner runner(Path directory, MovableClock clock) {
        BookingProperties booking = new BookingProperties("https://cal.example/consultant/call", "name", "notes",
                "ref");
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceTransactionManagerAutoConfiguration.class, FlywayAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, ValidationAutoConfiguration.class))
                .withUserConfiguration(ConversationConfiguration.class, LifecycleConfiguration.class,
                        StatsConfiguration.class)
                .withBean(Clock.class, () -> clock)
                .withBean(DiagnosticCatalog.class, StatsFixture::catalog)
                .withBean(Rules.class, Rules::new)
                .withBean(BookingProperties.class, () -> booking)
                .withBean(com.discoverytriage.conversation.BookingLinks.class,
                        () -> new com.discoverytriage.booking.PrefilledBookingLinks(booking))
                .withPropertyValues(
                        "spring.datasource.url=jdbc:h2:file:" + directory.resolve("triage").toAbsolutePath(),
                        "triage.lifecycle-scheduler-enabled=false");
    }

    /** The triage ids the story needs later. */
    public record Seeded(String a, String b, String d) {
    }

    /**
     * The story (tiny: 1 company (text), 2 early (gate: yes ends it), 3 s1, 4 s2, 5 s3; duo: d1, d2). Every
     * command below is one minute after the previous one.
     * <ul>
     * <li>H, Mon 03-03, before the period: finishes tiny. Never counted.</li>
     * <li>A, Tue 03-04: company, no, yes, yes, no, confirm: book (2 yes), 6 min. The calendar confirms it.</li>
     * <li>B: company skipped, early yes: the gate ends it (questions 3-5 skipped, not dropped); confirm:
     * alternative find-fit, 3 min; then "talk anyway".</li>
     * <li>C: company, no, not sure, (at s2) Back, not sure again, (at s2 again) and leaves: abandoned at 4,
     * counted once.</li>
     * <li>D: company, no, no, not sure, not sure, (review) Back, yes for s3, confirm: 1 yes, alternative not-now,
     * 8 min; s3 counts once, as yes. The consultant overrides the outcome.</li>
     * <li>E: company, no, yes, (at s2) Start over; then company, no, yes, yes, yes, confirm: book, 6 min from the
     * restart, not booked. The first attempt is not counted.</li>
     * <li>I: company, no, (at s1) cancels: abandoned at 3.</li>
     * <li>G: duo, yes, yes, confirm: book, 3 min.</li>
     * <li>F, Mon 03-10: starts tiny and stays at question 1: in progress (idle 2 days at {@link #AS_OF}).</li>
     * </ul>
     */
    public static Seeded seed(ApplicationContext c, MovableClock clock) {
        ConversationService service = c.getBean(ConversationService.class);
        LeadRecords leads = new LeadRecords(c.getBean(JdbcTemplate.class), clock);
        Story story = new Story(service, clock);
        // H: the day before the period (the clock starts at Mon 03-03 09:00)
        story.start("h", "tiny").answers("Hco", "no", "yes", "yes", "yes").confirm();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2025-03-04T09:00:00Z")));
        String a = story.start("a", "tiny").answers("Aco", "no", "yes", "yes", "no").confirm().triageId();
        String b = story.start("b", "tiny").answers("", "yes").confirm().triageId();
        story.start("c", "tiny").answers("Cco", "no", "unsure").back().answers("unsure");
        String d = story.start("d", "tiny").answers("Dco", "no", "no", "unsure", "unsure").back().answers("yes")
                .confirm().triageId();
        story.start("e", "tiny").answers("Eco", "no", "yes").restart().answers("Eco", "no", "yes", "yes", "yes")
                .confirm();
        story.start("i", "tiny").answers("Ico", "no").command(new Command.Cancel());
        story.start("g", "duo").answers("yes", "yes").confirm();
        clock.advance(Duration.between(clock.instant(), Instant.parse("2025-03-10T12:00:00Z")));
        story.start("f", "tiny");

        BookingUpdates bookings = c.getBean(BookingUpdates.class);
        bookings.booking(bookings.match(a).orElseThrow(), true, Instant.parse("2025-03-07T10:00:00Z"), "calcom");
        leads.flagTalkAnyway(b);
        leads.override(d, "Consultant");
        clock.advance(Duration.between(clock.instant(), AS_OF));
        return new Seeded(a, b, d);
    }

    /** One prospect's commands, each a minute after the last. */
    static final class Story {

        private final ConversationService service;
        private final MovableClock clock;
        private ProspectId prospect;

        Story(ConversationService service, MovableClock clock) {
            this.service = service;
            this.clock = clock;
        }

        Story start(String who, String diagnostic) {
            prospect = new ProspectId("console:" + who);
            service.handle(prospect, new Command.Start(diagnostic, "Person " + who));
            return this;
        }

        Story answers(String... values) {
            for (String v : values) {
                command(new Command.Answer(v));
            }
            return this;
        }

        Story back() {
            return command(new Command.Back());
        }

        Story restart() {
            return command(new Command.Restart());
        }

        Story confirm() {
            return command(new Command.Confirm());
        }

        Story command(Command command) {
            clock.advance(Duration.ofMinutes(1));
            service.handle(prospect, command);
            return this;
        }

        String triageId() {
            return service.find(prospect).orElseThrow().triageId();
        }
    }
}
