package com.discoverytriage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.OutcomeKind;
import com.discoverytriage.diagnostic.QuestionKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("The conversation, through the service")
class ConversationServiceTest {

    private static final ProspectId ANNA = new ProspectId("console:anna");
    private static final ProspectId BEN = new ProspectId("console:ben");

    private ConversationFixture fixture;
    private StateMachineConversationService service;

    @BeforeEach
    void setUp() {
        fixture = ConversationFixture.h2();
        service = fixture.service();
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** Starts (or resumes) a triage; the welcome said once at a fresh start is checked and unwrapped. */
    private View start(ProspectId prospect, String diagnostic) {
        View view = service.handle(prospect, new Command.Start(diagnostic, "Anna"));
        if (view instanceof View.NoticeView n && n.text().startsWith("Welcome")) {
            return n.current();
        }
        return view;
    }

    private View answer(ProspectId prospect, String value) {
        return service.handle(prospect, new Command.Answer(value));
    }

    private View send(ProspectId prospect, Command command) {
        return service.handle(prospect, command);
    }

    private static View.QuestionView question(View view) {
        assertThat(view).isInstanceOf(View.QuestionView.class);
        return (View.QuestionView) view;
    }

    private static View.NoticeView notice(View view) {
        assertThat(view).isInstanceOf(View.NoticeView.class);
        return (View.NoticeView) view;
    }

    private Map<String, String> answersOf(ProspectId prospect) {
        return service.find(prospect).orElseThrow().answers().values();
    }

    @Nested
    @DisplayName("Flow")
    class Flow {

        @Test
        @DisplayName("without a diagnostic, the routing question comes first and picks the diagnostic")
        void routingFirst() {
            // given / when
            View.QuestionView routing = question(start(ANNA, null));

            // then
            assertThat(routing.diagnosticId()).isNull();
            assertThat(routing.choices()).extracting(View.Choice::value).containsExactly("product", "tech");
            assertThat(routing.allowsBack()).isFalse();

            // when
            View.QuestionView first = question(answer(ANNA, "tech"));

            // then
            assertThat(first.diagnosticId()).isEqualTo("tech");
            assertThat(first.questionId()).isEqualTo("t1");
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.total()).isEqualTo(3);
            assertThat(first.choices()).extracting(View.Choice::label).containsExactly("Yes", "No", "Not sure");
            assertThat(service.find(ANNA).orElseThrow().diagnosticVersion()).isEqualTo("v-tech-1");
        }

        @Test
        @DisplayName("questions come one at a time in file order, then a review, then the outcome on confirm")
        void wholeTriage() {
            // given
            question(start(ANNA, "product"));

            // when
            assertThat(question(answer(ANNA, "yes")).questionId()).isEqualTo("p2");
            assertThat(question(answer(ANNA, "y")).questionId()).isEqualTo("pmf");
            assertThat(question(answer(ANNA, "no")).questionId()).isEqualTo("p3");
            View.QuestionView company = question(answer(ANNA, "no"));
            View review = answer(ANNA, "  Acme  ");

            // then
            assertThat(company.freeText()).isTrue();
            assertThat(company.optional()).isTrue();
            assertThat(company.kind()).isEqualTo(QuestionKind.TEXT);
            assertThat(review).isInstanceOf(View.ReviewView.class);
            assertThat(((View.ReviewView) review).answered()).extracting(View.AnsweredQuestion::answer)
                    .containsExactly("Yes", "Yes", "No", "No", "Acme");

            // when
            View outcome = send(ANNA, new Command.Confirm());

            // then
            assertThat(outcome).isInstanceOf(View.OutcomeView.class);
            View.OutcomeView decided = (View.OutcomeView) outcome;
            assertThat(decided.evaluation().outcome().kind()).isEqualTo(OutcomeKind.BOOK);
            assertThat(decided.bookingUrl()).isNull();
            assertThat(decided.nextStep()).contains("reach out");
            assertThat(service.find(ANNA).orElseThrow().phase()).isEqualTo(Phase.DECIDED);
        }

        @Test
        @DisplayName("a book outcome carries the booking link when one is configured")
        void bookingLink() {
            // given
            service = fixture.service(TestCatalogs.standard(),
                    (triage, name, diagnostic, evaluation) -> Optional.of("https://cal.example/x?ref=" + triage),
                    fixture.clock);
            start(ANNA, "tech");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "CTO");

            // when
            View.OutcomeView outcome = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // then
            String triageId = service.find(ANNA).orElseThrow().triageId();
            assertThat(outcome.bookingUrl()).isEqualTo("https://cal.example/x?ref=" + triageId);
            assertThat(outcome.nextStep()).isEqualTo("Next step of book");
            assertThat(service.find(ANNA).orElseThrow().bookingUrl()).isEqualTo(outcome.bookingUrl());
        }

        @Test
        @DisplayName("every accepted command moves the step on by one; listeners hear each change")
        void steps() {
            // given / when
            View first = start(ANNA, "product");
            View second = answer(ANNA, "yes");
            View refused = answer(ANNA, "perhaps");

            // then
            assertThat(first.step()).isEqualTo(1);
            assertThat(second.step()).isEqualTo(2);
            assertThat(refused.step()).isEqualTo(2);
            assertThat(fixture.changes).extracting(ConversationSnapshot::step).containsExactly(1L, 2L);
            assertThat(fixture.changes.get(1).answers().values()).containsEntry("p1", "yes");
        }

        @Test
        @DisplayName("text answers are trimmed and cut to the maximum length; an optional one may be skipped")
        void textAnswers() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "no");
            answer(ANNA, "no");

            // when
            answer(ANNA, "   A company name that is far too long   ");

            // then
            assertThat(answersOf(ANNA)).containsEntry("company", "A company name that");

            // when
            send(ANNA, new Command.Back());
            View review = answer(ANNA, "   ");

            // then
            assertThat(((View.ReviewView) review).answered()).last()
                    .extracting(View.AnsweredQuestion::answer).isEqualTo("(skipped)");
            assertThat(answersOf(ANNA)).containsEntry("company", "");
        }

        @Test
        @DisplayName("a required text question re-asks an empty answer")
        void requiredText() {
            // given
            start(ANNA, "tech");
            answer(ANNA, "yes");
            answer(ANNA, "no");

            // when
            View.NoticeView notice = notice(answer(ANNA, "  "));

            // then
            assertThat(notice.text()).contains("cannot be skipped");
            assertThat(question(notice.current()).questionId()).isEqualTo("name");
            assertThat(answersOf(ANNA)).doesNotContainKey("name");
        }

        @Test
        @DisplayName("Cancel ends the conversation; Start afterwards begins a fresh one")
        void cancel() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");
            String firstTriage = service.find(ANNA).orElseThrow().triageId();

            // when
            View ended = send(ANNA, new Command.Cancel());

            // then
            assertThat(ended).isInstanceOf(View.EndedView.class);
            assertThat(service.find(ANNA).orElseThrow().phase()).isEqualTo(Phase.CANCELLED);
            assertThat(notice(answer(ANNA, "yes")).text()).contains("cancelled");

            // when
            View.QuestionView again = question(start(ANNA, "product"));

            // then
            assertThat(again.questionId()).isEqualTo("p1");
            assertThat(service.find(ANNA).orElseThrow().triageId()).isNotEqualTo(firstTriage);
            assertThat(answersOf(ANNA)).isEmpty();
        }

        @Test
        @DisplayName("Start while a conversation is in progress shows where it stands and changes nothing")
        void startInProgress() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");

            // when
            View view = start(ANNA, "tech");

            // then
            assertThat(question(view).questionId()).isEqualTo("p2");
            assertThat(view.step()).isEqualTo(2);
            assertThat(question(send(ANNA, new Command.Show())).questionId()).isEqualTo("p2");
        }

        @Test
        @DisplayName("an unknown diagnostic id falls back to the routing question, with a note")
        void unknownDiagnostic() {
            // given / when
            View.NoticeView notice = notice(start(ANNA, "marketing"));

            // then
            assertThat(question(notice.current()).questionId()).isEqualTo(ConversationViews.ROUTING_QUESTION_ID);
        }
    }

    @Nested
    @DisplayName("Back, restart, not sure")
    class Moving {

        @Test
        @DisplayName("Back returns to the previous question and keeps the answers")
        void back() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");

            // when
            View.QuestionView previous = question(send(ANNA, new Command.Back()));

            // then
            assertThat(previous.questionId()).isEqualTo("p1");
            assertThat(previous.allowsBack()).isFalse();
            assertThat(answersOf(ANNA)).containsEntry("p1", "yes");
        }

        @Test
        @DisplayName("Back at the first question says there is nothing to go back to")
        void backAtFirst() {
            // given
            start(ANNA, "product");

            // when
            View.NoticeView notice = notice(send(ANNA, new Command.Back()));

            // then
            assertThat(notice.text()).isEqualTo(StateMachineConversationService.NOTHING_TO_GO_BACK_TO);
            assertThat(question(notice.current()).questionId()).isEqualTo("p1");
            assertThat(notice.step()).isEqualTo(1);
        }

        @Test
        @DisplayName("Back from the first question after routing re-opens the routing question")
        void backToRouting() {
            // given
            start(ANNA, null);
            answer(ANNA, "product");

            // when
            View.QuestionView routing = question(send(ANNA, new Command.Back()));
            View.QuestionView other = question(answer(ANNA, "Technology leadership"));

            // then
            assertThat(routing.questionId()).isEqualTo(ConversationViews.ROUTING_QUESTION_ID);
            assertThat(other.diagnosticId()).isEqualTo("tech");
        }

        @Test
        @DisplayName("Restart drops the answers, goes back to the routing question and mints a new triage id")
        void restart() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");
            answer(ANNA, "no");
            String before = service.find(ANNA).orElseThrow().triageId();
            fixture.clock.advanceSeconds(60);

            // when
            View.QuestionView routing = question(send(ANNA, new Command.Restart()));

            // then: the prospect can switch diagnostic
            ConversationSnapshot after = service.find(ANNA).orElseThrow();
            assertThat(routing.diagnosticId()).isNull();
            assertThat(routing.allowsBack()).isFalse();
            assertThat(after.answers().values()).isEmpty();
            assertThat(after.diagnosticId()).isNull();
            assertThat(after.triageId()).isNotEqualTo(before);
            assertThat(after.startedAt()).isEqualTo(fixture.clock.instant());
            assertThat(question(answer(ANNA, "tech")).questionId()).isEqualTo("t1");
        }

        @Test
        @DisplayName("the routing question takes a short name as well as the id or the label")
        void shortNames() {
            start(ANNA, null);
            assertThat(question(answer(ANNA, "Tech")).diagnosticId()).isEqualTo("tech");
            send(ANNA, new Command.Restart());
            assertThat(question(answer(ANNA, "prod")).diagnosticId()).isEqualTo("product");
            send(ANNA, new Command.Restart());
            // a word both labels share picks neither: the question is asked again
            assertThat(notice(answer(ANNA, "leadership")).text()).contains("Please pick one of the options");
        }

        @Test
        @DisplayName("from the review, Edit re-opens one answer; answering it returns to the review and re-scores")
        void editFromReview() {
            // given a full triage at the outcome
            start(ANNA, "tech");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "CTO");
            View.OutcomeView before = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // when the prospect changes the first answer from the outcome
            View.QuestionView reopened = question(send(ANNA, new Command.Edit("t1")));
            View review = answer(ANNA, "no");
            View.OutcomeView after = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // then it comes back to the review with the other answers kept, and the outcome is scored again
            assertThat(reopened.questionId()).isEqualTo("t1");
            assertThat(review).isInstanceOf(View.ReviewView.class);
            assertThat(((View.ReviewView) review).answered()).extracting(View.AnsweredQuestion::answer)
                    .containsExactly("No", "Yes", "CTO");
            assertThat(after.evaluation().outcome().id()).isNotEqualTo(before.evaluation().outcome().id());
            // an unanswered or unknown question cannot be edited
            assertThat(notice(send(ANNA, new Command.Edit("nope"))).text()).contains("no answer to that question");
        }

        @Test
        @DisplayName("a fresh start says welcome: what this is, how many questions and minutes, who sees the answers, how long")
        void welcome() {
            View view = service.handle(ANNA, new Command.Start(null, "Anna"));

            String text = notice(view).text();
            assertThat(text).startsWith("Welcome").contains("fit check", "3 to 5 questions", "about 2 minutes",
                    "Only you and the consultant", "365 days", "erased");
            // resuming the same triage does not repeat it
            assertThat(service.handle(ANNA, new Command.Start(null, "Anna"))).isInstanceOf(View.QuestionView.class);
        }

        @Test
        @DisplayName("'Not sure' is stored as unsure, counts as no and is flagged")
        void notSure() {
            // given
            start(ANNA, "product");
            answer(ANNA, "not sure");
            answer(ANNA, "yes");
            answer(ANNA, "no");
            answer(ANNA, "unsure");
            View review = answer(ANNA, "");

            // when
            View.OutcomeView outcome = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // then
            assertThat(((View.ReviewView) review).answered().get(0).answer()).isEqualTo("Not sure");
            assertThat(outcome.evaluation().signals().yes()).isEqualTo(1);
            assertThat(outcome.evaluation().signals().unsureQuestions()).containsExactly("p1", "p3");
            assertThat(outcome.evaluation().outcome().id()).isEqualTo("not-now");
        }

        @Test
        @DisplayName("Back from the outcome re-opens the last question; changing it re-decides the same triage")
        void backFromOutcome() {
            // given
            start(ANNA, "tech");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "CTO");
            send(ANNA, new Command.Confirm());
            String triage = service.find(ANNA).orElseThrow().triageId();

            // when
            View.QuestionView last = question(send(ANNA, new Command.Back()));

            // then
            assertThat(last.questionId()).isEqualTo("name");
            assertThat(service.find(ANNA).orElseThrow().evaluation()).isNull();

            // when
            send(ANNA, new Command.Back());
            View review = answer(ANNA, "no");
            View.OutcomeView outcome = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // then
            assertThat(review).isInstanceOf(View.ReviewView.class);
            assertThat(outcome.evaluation().outcome().id()).isEqualTo("advice");
            assertThat(service.find(ANNA).orElseThrow().triageId()).isEqualTo(triage);
        }

        @Test
        @DisplayName("changing an earlier answer re-scores: later answers are kept and the review comes next")
        void changeEarlierAnswer() {
            // given: two yes -> book
            start(ANNA, "tech");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "CTO");
            send(ANNA, new Command.Back());
            send(ANNA, new Command.Back());
            send(ANNA, new Command.Back());

            // when: the first answer changes to no
            View review = answer(ANNA, "no");
            View.OutcomeView outcome = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // then
            assertThat(review).isInstanceOf(View.ReviewView.class);
            assertThat(answersOf(ANNA)).containsEntry("t1", "no").containsEntry("t2", "yes")
                    .containsEntry("name", "CTO");
            assertThat(outcome.evaluation().outcome().id()).isEqualTo("advice");
        }
    }

    @Nested
    @DisplayName("Gates")
    class Gates {

        @Test
        @DisplayName("a gate that fires skips the remaining questions and decides the outcome")
        void gateEndsEarly() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");
            answer(ANNA, "yes");

            // when
            View.NoticeView gateNotice = notice(answer(ANNA, "yes"));
            View.OutcomeView outcome = (View.OutcomeView) send(ANNA, new Command.Confirm());

            // then: the prospect is told the remaining questions are skipped, and why
            assertThat(gateNotice.text()).contains("remaining 2 questions are skipped");
            View review = gateNotice.current();
            assertThat(((View.ReviewView) review).answered()).extracting(View.AnsweredQuestion::questionId)
                    .containsExactly("p1", "p2", "pmf");
            assertThat(outcome.evaluation().outcome().id()).isEqualTo("find-fit");
            assertThat(outcome.evaluation().firedGates()).containsExactly("gate-pmf");
        }

        @Test
        @DisplayName("un-firing a gate by going back asks the skipped questions again")
        void unfireGate() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "yes");

            // when
            View.QuestionView gate = question(send(ANNA, new Command.Back()));
            View.QuestionView next = question(answer(ANNA, "no"));

            // then
            assertThat(gate.questionId()).isEqualTo("pmf");
            assertThat(next.questionId()).isEqualTo("p3");
        }
    }

    @Nested
    @DisplayName("Refusals")
    class Refusals {

        @Test
        @DisplayName("an odd answer is re-asked gently and nothing is stored")
        void oddAnswer() {
            // given
            start(ANNA, "product");

            // when
            View.NoticeView notice = notice(answer(ANNA, "banana"));

            // then
            assertThat(notice.text()).contains("Yes, No or Not sure");
            assertThat(question(notice.current()).questionId()).isEqualTo("p1");
            assertThat(answersOf(ANNA)).isEmpty();
            assertThat(service.find(ANNA).orElseThrow().step()).isEqualTo(1);
        }

        @Test
        @DisplayName("an odd routing answer re-asks the routing question")
        void oddRoute() {
            // given
            start(ANNA, null);

            // when
            View.NoticeView notice = notice(answer(ANNA, "marketing"));

            // then
            assertThat(question(notice.current()).questionId()).isEqualTo(ConversationViews.ROUTING_QUESTION_ID);
        }

        @Test
        @DisplayName("Confirm while a question is open changes nothing")
        void confirmWhileAsking() {
            // given
            start(ANNA, "product");

            // when
            View.NoticeView notice = notice(send(ANNA, new Command.Confirm()));

            // then
            assertThat(notice.text()).contains("answer the current question");
            assertThat(service.find(ANNA).orElseThrow().phase()).isEqualTo(Phase.ASKING);
            assertThat(service.find(ANNA).orElseThrow().step()).isEqualTo(1);
        }

        @Test
        @DisplayName("an answer at the review changes nothing")
        void answerAtReview() {
            // given
            start(ANNA, "product");
            answer(ANNA, "yes");
            answer(ANNA, "yes");
            answer(ANNA, "yes");

            // when
            View.NoticeView notice = notice(answer(ANNA, "no"));

            // then
            assertThat(notice.current()).isInstanceOf(View.ReviewView.class);
            assertThat(answersOf(ANNA)).containsEntry("pmf", "yes");
        }

        @Test
        @DisplayName("a command before any Start says there is no triage yet")
        void nothingYet() {
            // given / when
            View view = answer(ANNA, "yes");

            // then
            assertThat(view).isInstanceOf(View.EndedView.class);
            assertThat(service.find(ANNA)).isEmpty();
        }
    }

    @Nested
    @DisplayName("Ordering and duplicates")
    class Ordering {

        @Test
        @DisplayName("two prospects interleaved keep their own conversations")
        void interleaved() {
            // given
            start(ANNA, "product");
            start(BEN, "tech");

            // when
            answer(ANNA, "yes");
            answer(BEN, "no");
            answer(ANNA, "no");
            View ben = answer(BEN, "yes");
            View anna = send(ANNA, new Command.Back());

            // then
            assertThat(question(ben).questionId()).isEqualTo("name");
            assertThat(question(anna).questionId()).isEqualTo("p2");
            assertThat(answersOf(ANNA)).containsExactly(Map.entry("p1", "yes"), Map.entry("p2", "no"));
            assertThat(answersOf(BEN)).containsExactly(Map.entry("t1", "no"), Map.entry("t2", "yes"));
        }

        @Test
        @DisplayName("the same click delivered twice is applied once")
        void duplicate() {
            // given
            long step = start(ANNA, "product").step();

            // when
            View first = service.handle(ANNA, new Command.Answer("yes"), step);
            View second = service.handle(ANNA, new Command.Answer("yes"), step);

            // then
            assertThat(question(first).questionId()).isEqualTo("p2");
            View.NoticeView notice = notice(second);
            assertThat(notice.text()).isEqualTo(StateMachineConversationService.ALREADY_ANSWERED);
            assertThat(question(notice.current()).questionId()).isEqualTo("p2");
            assertThat(service.find(ANNA).orElseThrow().step()).isEqualTo(step + 1);
        }

        @Test
        @DisplayName("many threads sending the same command for one prospect: exactly one is applied")
        void concurrentSameStep() throws Exception {
            // given
            long step = start(ANNA, "product").step();
            int threads = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<View>> results = new ArrayList<>();
            try {
                for (int i = 0; i < threads; i++) {
                    Callable<View> click = () -> {
                        go.await();
                        return service.handle(ANNA, new Command.Answer("yes"), step);
                    };
                    results.add(pool.submit(click));
                }

                // when
                go.countDown();
                List<View> views = new ArrayList<>();
                for (Future<View> result : results) {
                    views.add(result.get(30, TimeUnit.SECONDS));
                }

                // then
                assertThat(views).filteredOn(v -> v instanceof View.QuestionView).hasSize(1);
                assertThat(views).filteredOn(v -> v instanceof View.NoticeView).hasSize(threads - 1);
                assertThat(service.find(ANNA).orElseThrow().step()).isEqualTo(step + 1);
                assertThat(fixture.changes).hasSize(2);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("one machine serving two prospects in turn carries nothing from one command to the next")
    void machineReuse() {
        // given: a single pooled machine
        service = fixture.service(TestCatalogs.standard(), null, fixture.clock, 1);
        start(ANNA, "product");
        start(BEN, "tech");
        answer(ANNA, "yes");

        // when: the same machine now gets an odd answer for another prospect, then a good one
        View refused = answer(BEN, "banana");
        View accepted = answer(BEN, "no");

        // then
        assertThat(question(notice(refused).current()).questionId()).isEqualTo("t1");
        assertThat(question(accepted).questionId()).isEqualTo("t2");
        assertThat(answersOf(BEN)).containsExactly(Map.entry("t1", "no"));
        assertThat(answersOf(ANNA)).containsExactly(Map.entry("p1", "yes"));
    }

    @Test
    @DisplayName("a worker waiting for a pooled machine holds no prospect lock, no transaction and no connection")
    void noWaitingWhileHolding() throws Exception {
        // given: fewer machines than callers (issue 11: 4 Discord workers, max(2, processors) machines on 2 cores),
        // and every machine busy with another worker's event
        service = fixture.service(TestCatalogs.standard(), null, fixture.clock, 1);
        start(ANNA, "product");
        var busy = service.pool().acquire();
        com.zaxxer.hikari.HikariPoolMXBean connections =
                ((com.zaxxer.hikari.HikariDataSource) fixture.dataSource).getHikariPoolMXBean();

        // when: a worker handles Anna's answer and has to wait for a machine
        List<View> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread worker = new Thread(() -> answered.add(answer(ANNA, "yes")), "worker");
        worker.start();
        awaitWaitingForMachine(worker);

        // then: it waits holding nothing: Anna's stripe is free, no connection is out (so no transaction is open),
        // and a Show for Anna answers meanwhile
        try {
            assertThat(service.locks().lockFor(ANNA).isLocked()).as("Anna's lock stripe held while waiting").isFalse();
            assertThat(connections.getActiveConnections()).as("connections held while waiting").isZero();
            assertThat(java.util.concurrent.CompletableFuture.supplyAsync(() -> send(ANNA, new Command.Show()))
                    .get(10, TimeUnit.SECONDS)).isInstanceOf(View.QuestionView.class);
        } finally {
            service.pool().release(busy);
            worker.join(10_000);
        }
        // and once a machine is free the answer is applied
        assertThat(answered).hasSize(1);
        assertThat(answersOf(ANNA)).containsExactly(Map.entry("p1", "yes"));
    }

    /** Until {@code worker} is parked in the machine pool (no sleep-and-hope: its own stack says so). */
    private static void awaitWaitingForMachine(Thread worker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean parked = worker.getState() == Thread.State.WAITING && java.util.Arrays.stream(worker.getStackTrace())
                    .anyMatch(f -> f.getClassName().equals(MachinePool.class.getName())
                            && f.getMethodName().equals("acquire"));
            if (parked) {
                return;
            }
            Thread.onSpinWait();
            Thread.sleep(5);
        }
        throw new AssertionError("the worker never waited for a machine");
    }

    @Test
    @DisplayName("no machine is kept per prospect: after 1,000 prospects the pool and locks stay the same size")
    void boundedMemory() {
        // given
        int poolSize = service.pool().size();
        int stripes = service.locks().size();

        // when
        for (int i = 0; i < 1_000; i++) {
            ProspectId prospect = new ProspectId("load:" + i);
            start(prospect, "product");
            answer(prospect, "yes");
        }

        // then
        assertThat(service.pool().size()).isEqualTo(poolSize).isEqualTo(2);
        assertThat(service.pool().idle()).isEqualTo(poolSize);
        assertThat(service.locks().size()).isEqualTo(stripes).isEqualTo(64);
        assertThat(service.find(new ProspectId("load:999")).orElseThrow().answers().values())
                .containsEntry("p1", "yes");
    }
}
