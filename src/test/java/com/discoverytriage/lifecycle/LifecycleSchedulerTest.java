package com.discoverytriage.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.lifecycle.LifecycleFixture.RecordingNotifier;
import com.discoverytriage.summary.LeadLifecycle;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;

@DisplayName("Stalls, expiry and missing bookings, from stored timestamps")
class LifecycleSchedulerTest {

    static final ProspectId ANNA = new ProspectId("discord:1001");

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();
    private final RecordingNotifier notifier = new RecordingNotifier();

    static String triageOf(ApplicationContext c) {
        return c.getBean(ConversationService.class).find(ANNA).orElseThrow().triageId();
    }

    static LeadLifecycle lifecycle(ApplicationContext c, String triageId) {
        return c.getBean(LeadRecords.class).lifecycle(triageId);
    }

    static long revision(ApplicationContext c, String triageId) {
        return c.getBean(SummaryOutbox.class).find(triageId).orElseThrow().revision();
    }

    static void decideBook(ConversationService service, ProspectId prospect) {
        service.handle(prospect, new Command.Start("tiny", "Anna"));
        for (String answer : List.of("Acme", "no", "yes", "yes", "yes")) {
            service.handle(prospect, new Command.Answer(answer));
        }
        View outcome = service.handle(prospect, new Command.Confirm());
        assertThat(outcome).isInstanceOf(View.OutcomeView.class);
    }

    @Test
    @DisplayName("idle past reminder-after: one reminder and 'stalled at question 2', never a second one, not after a restart either")
    void oneReminderAcrossRestart() {
        String[] triage = new String[1];
        // given a prospect who answered one question and went quiet
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            service.handle(ANNA, new Command.Start("tiny", "Anna"));
            service.handle(ANNA, new Command.Answer("Acme"));
            triage[0] = triageOf(c);
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);

            // when a little less than a day passes, nothing happens
            clock.advance(Duration.ofHours(23));
            scheduler.runOnce();
            assertThat(notifier.reminded).isEmpty();
            assertThat(lifecycle(c, triage[0])).isNull();

            // when the day is over, one reminder and the card says stalled
            long before = revision(c, triage[0]);
            clock.advance(Duration.ofHours(2));
            LifecycleScheduler.Report report = scheduler.runOnce();
            assertThat(report.reminded()).isEqualTo(1);
            assertThat(notifier.reminded).containsExactly("discord:1001@2");
            assertThat(lifecycle(c, triage[0]).label()).isEqualTo("stalled at question 2");
            assertThat(lifecycle(c, triage[0]).reminder()).isEqualTo("sent");
            assertThat(revision(c, triage[0])).isGreaterThan(before);

            clock.advance(Duration.ofHours(1));
            scheduler.runOnce();
            assertThat(notifier.reminded).hasSize(1);
        });

        // when the application restarts over the same database
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            clock.advance(Duration.ofHours(3));
            c.getBean(LifecycleScheduler.class).runOnce();
            // then still exactly one reminder
            assertThat(notifier.reminded).hasSize(1);
            assertThat(lifecycle(c, triage[0]).stage()).isEqualTo(Stage.STALLED);
        });
    }

    @Test
    @DisplayName("after expire-after the card says 'abandoned at question 2' with the answers so far; coming back continues")
    void expiryAndComingBack() {
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            // given
            ConversationService service = c.getBean(ConversationService.class);
            service.handle(ANNA, new Command.Start("tiny", "Anna"));
            service.handle(ANNA, new Command.Answer("Acme"));
            String triage = triageOf(c);
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);
            clock.advance(Duration.ofHours(25));
            scheduler.runOnce();

            // when a week passes
            clock.advance(Duration.ofDays(6));
            LifecycleScheduler.Report report = scheduler.runOnce();

            // then
            assertThat(report.abandoned()).isEqualTo(1);
            assertThat(lifecycle(c, triage).label()).isEqualTo("abandoned at question 2");
            assertThat(c.getBean(SummaryOutbox.class).find(triage).orElseThrow().summary().answers())
                    .extracting(a -> a.answer()).containsExactly("Acme");
            assertThat(scheduler.runOnce().abandoned()).isZero();
            assertThat(notifier.reminded).hasSize(1);

            // when the prospect comes back: the conversation is where they left it, and answering clears the flag
            View shown = service.handle(ANNA, new Command.Show());
            assertThat(((View.QuestionView) shown).questionId()).isEqualTo("early");
            service.handle(ANNA, new Command.Answer("no"));
            assertThat(lifecycle(c, triage)).isNull();

            // and a new stall gets its own (single) reminder
            clock.advance(Duration.ofHours(25));
            scheduler.runOnce();
            scheduler.runOnce();
            assertThat(notifier.reminded).containsExactly("discord:1001@2", "discord:1001@3");
        });
    }

    @Test
    @DisplayName("300 prospects stalled at once all get their one reminder, though one query reads at most 200")
    void everyStallIsReminded() {
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            // given: more stalled prospects than one pass handles (issue 11: the same 200 filled every pass)
            ConversationService service = c.getBean(ConversationService.class);
            int prospects = LifecycleScheduler.BATCH + 100;
            for (int i = 0; i < prospects; i++) {
                service.handle(new ProspectId("discord:" + (5000 + i)), new Command.Start("tiny", "P" + i));
            }
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);
            clock.advance(Duration.ofHours(25));

            // when: a few passes a minute apart, well inside the week before they would expire
            for (int pass = 0; pass < 3; pass++) {
                scheduler.runOnce();
                clock.advance(Duration.ofMinutes(1));
            }

            // then: every one of them was reminded, once
            assertThat(notifier.reminded).hasSize(prospects).doesNotHaveDuplicates();
            assertThat(scheduler.runOnce().reminded()).isZero();
        });
    }

    @Test
    @DisplayName("one pass handles every due row of each kind, more than one batch of them: reminders, 'decided, not booked', expiries")
    void onePassHandlesEveryDueRow() {
        everyDueRowInOnePass(LifecycleFixture.runner(directory, clock, notifier), clock, notifier,
                LifecycleScheduler.BATCH + 50);
    }

    /**
     * {@code each} stalled prospects and {@code each} book outcomes: one pass reminds every stalled prospect, one
     * flags every book outcome without a booking, one abandons every stall; nothing is left, nobody is reminded twice.
     */
    static void everyDueRowInOnePass(org.springframework.boot.test.context.runner.ApplicationContextRunner runner,
            MovableClock clock, RecordingNotifier notifier, int each) {
        runner.run(c -> {
            assertThat(c).hasNotFailed();
            // given: more rows of each kind due at once than one query reads (issue 11: "a pass with 1,000 due")
            ConversationService service = c.getBean(ConversationService.class);
            List<String> stalledTriages = new ArrayList<>();
            List<String> decidedTriages = new ArrayList<>();
            for (int i = 0; i < each; i++) {
                ProspectId quiet = new ProspectId("discord:" + (7000 + i));
                service.handle(quiet, new Command.Start("tiny", "Q" + i));
                service.handle(quiet, new Command.Answer("Acme"));
                stalledTriages.add(service.find(quiet).orElseThrow().triageId());
                ProspectId decided = new ProspectId("discord:" + (9000 + i));
                decideBook(service, decided);
                decidedTriages.add(service.find(decided).orElseThrow().triageId());
            }
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);

            // when a day passes: one pass reminds every stalled prospect, once
            clock.advance(Duration.ofHours(25));
            LifecycleScheduler.Report reminders = scheduler.runOnce();
            assertThat(reminders.reminded()).isEqualTo(each);
            assertThat(reminders.stalled()).isEqualTo(each);
            assertThat(notifier.reminded).hasSize(each).doesNotHaveDuplicates()
                    .allMatch(r -> r.endsWith("@2"));
            assertThat(stalledTriages).allMatch(t -> "stalled at question 2".equals(lifecycle(c, t).label())
                    && "sent".equals(lifecycle(c, t).reminder()));

            // when the booking-nudge time is over: one pass flags every book outcome without a booking (the one the
            // consultant marked booked meanwhile is not flagged)
            String booked = decidedTriages.remove(0);
            LifecycleFixture.jdbc(c).update("INSERT INTO lead_state (triage_id, status) VALUES (?, ?)", booked,
                    com.discoverytriage.summary.LeadState.Status.BOOKED.id());
            clock.advance(Duration.ofHours(24));
            LifecycleScheduler.Report nudges = scheduler.runOnce();
            assertThat(nudges.notBooked()).isEqualTo(each - 1);
            assertThat(nudges.reminded()).isZero();
            assertThat(decidedTriages).allMatch(t -> "decided, not booked".equals(lifecycle(c, t).label()));
            assertThat(lifecycle(c, booked)).isNull();

            // when the week is over: one pass abandons every stalled conversation
            clock.advance(Duration.ofDays(6));
            LifecycleScheduler.Report expiries = scheduler.runOnce();
            assertThat(expiries.abandoned()).isEqualTo(each);
            assertThat(stalledTriages).allMatch(t -> "abandoned at question 2".equals(lifecycle(c, t).label()));

            // and nothing is left for the next pass, and nobody was reminded twice
            LifecycleScheduler.Report after = scheduler.runOnce();
            assertThat(after.stalled() + after.reminded() + after.abandoned() + after.notBooked()).isZero();
            assertThat(notifier.reminded).hasSize(each);
        });
    }

    @Test
    @DisplayName("a reminder claimed by a process that died before recording it is never sent again; the card says so")
    void claimedThenDied() {
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            // given: a stall whose reminder was claimed, then the process died before the DM's result was recorded
            ConversationService service = c.getBean(ConversationService.class);
            service.handle(ANNA, new Command.Start("tiny", "Anna"));
            service.handle(ANNA, new Command.Answer("Acme"));
            String triage = triageOf(c);
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);
            clock.advance(Duration.ofHours(25));
            scheduler.runOnce();
            assertThat(notifier.reminded).hasSize(1);
            var jdbc = LifecycleFixture.jdbc(c);
            jdbc.update("UPDATE lead_lifecycle SET reminder_result = NULL WHERE triage_id = ?", triage);
            jdbc.update("UPDATE conversation SET follow_up = 'remind' WHERE triage_id = ?", triage);
            long before = revision(c, triage);

            // when the next process runs a pass
            clock.advance(Duration.ofMinutes(1));
            LifecycleScheduler.Report report = scheduler.runOnce();

            // then no second reminder; the card is refreshed, notes that the reminder may not have gone out, and
            // the stall goes on to expire after the week
            assertThat(report.reminded()).isZero();
            assertThat(notifier.reminded).hasSize(1);
            assertThat(revision(c, triage)).isGreaterThan(before);
            assertThat(lifecycle(c, triage).label()).isEqualTo("stalled at question 2");
            assertThat(lifecycle(c, triage).reminder()).isEqualTo("interrupted");
            clock.advance(Duration.ofDays(7));
            assertThat(scheduler.runOnce().abandoned()).isEqualTo(1);
            assertThat(notifier.reminded).hasSize(1);
        });
    }

    @Test
    @DisplayName("a reminder DM that throws is noted 'failed' on its card and not tried again; the others of its batch are sent")
    void failedDmInABatch() {
        ProspectNotifier failingForOne = (prospect, n, total) -> {
            if (prospect.value().equals("discord:6001")) {
                throw new IllegalStateException("Discord answered 500");
            }
            return notifier.remind(prospect, n, total);
        };
        LifecycleFixture.runner(directory, clock, failingForOne).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            List<String> triages = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ProspectId p = new ProspectId("discord:" + (6000 + i));
                service.handle(p, new Command.Start("tiny", "P" + i));
                triages.add(service.find(p).orElseThrow().triageId());
            }
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);
            clock.advance(Duration.ofHours(25));

            LifecycleScheduler.Report report = scheduler.runOnce();

            assertThat(report.stalled()).isEqualTo(3);
            assertThat(report.reminded()).isEqualTo(2);
            assertThat(notifier.reminded).containsExactlyInAnyOrder("discord:6000@1", "discord:6002@1");
            assertThat(lifecycle(c, triages.get(1)).reminder()).isEqualTo("failed");
            assertThat(lifecycle(c, triages.get(0)).reminder()).isEqualTo("sent");
            clock.advance(Duration.ofHours(1));
            assertThat(scheduler.runOnce().reminded()).isZero();
            assertThat(notifier.reminded).hasSize(2);
        });
    }

    @Test
    @DisplayName("a prospect who cannot be reached by DM gets no DM; the card still says stalled and notes it")
    void unreachable() {
        notifier.result = ProspectNotifier.Result.UNREACHABLE;
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            ConversationService service = c.getBean(ConversationService.class);
            service.handle(ANNA, new Command.Start("tiny", "Anna"));
            clock.advance(Duration.ofDays(2));
            LifecycleScheduler.Report report = c.getBean(LifecycleScheduler.class).runOnce();
            assertThat(report.reminded()).isZero();
            LeadLifecycle l = lifecycle(c, triageOf(c));
            assertThat(l.label()).isEqualTo("stalled at question 1");
            assertThat(l.reminder()).isEqualTo("no-dm");
        });
    }

    @Test
    @DisplayName("eight scheduler passes at once still send a single reminder")
    void concurrentPasses() {
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            c.getBean(ConversationService.class).handle(ANNA, new Command.Start("tiny", "Anna"));
            clock.advance(Duration.ofDays(2));
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    runs.add(pool.submit(scheduler::runOnce));
                }
                for (Future<?> f : runs) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(notifier.reminded).hasSize(1);
        });
    }

    @Test
    @DisplayName("a book outcome without a booking after booking-nudge-after is flagged 'decided, not booked', once")
    void decidedNotBooked() {
        LifecycleFixture.runner(directory, clock, notifier).run(c -> {
            // given
            ConversationService service = c.getBean(ConversationService.class);
            decideBook(service, ANNA);
            String triage = triageOf(c);
            assertThat(service.find(ANNA).orElseThrow().phase()).isEqualTo(Phase.DECIDED);
            LifecycleScheduler scheduler = c.getBean(LifecycleScheduler.class);

            // when / then
            clock.advance(Duration.ofHours(47));
            assertThat(scheduler.runOnce().notBooked()).isZero();
            clock.advance(Duration.ofHours(2));
            assertThat(scheduler.runOnce().notBooked()).isEqualTo(1);
            assertThat(lifecycle(c, triage).label()).isEqualTo("decided, not booked");
            assertThat(scheduler.runOnce().notBooked()).isZero();
            // decided conversations are never reminded
            assertThat(notifier.reminded).isEmpty();
        });
    }

    @Test
    @DisplayName("expire-after not longer than reminder-after stops start-up naming both settings")
    void badSettings() {
        LifecycleFixture.runner(directory, clock, notifier)
                .withPropertyValues("triage.reminder-after=8d")
                .run(c -> assertThat(c).hasFailed()
                        .getFailure().rootCause().hasMessageContaining("triage.expire-after")
                        .hasMessageContaining("triage.reminder-after"));
    }
}
