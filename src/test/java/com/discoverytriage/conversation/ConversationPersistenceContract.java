package com.discoverytriage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.diagnostic.DiagnosticCatalog;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** What the storage must do, run against each database the application supports. */
abstract class ConversationPersistenceContract {

    private ConversationFixture fixture;
    private ProspectId prospect;

    protected abstract DataSource dataSource();

    @BeforeEach
    void setUp() {
        fixture = new ConversationFixture(dataSource());
        // one database per test class: a fresh prospect per test keeps the tests apart
        prospect = new ProspectId("test:" + UUID.randomUUID());
    }

    @Test
    @DisplayName("Flyway creates both tables (migrations V1 and V2)")
    void migrates() {
        // given / when
        var info = Flyway.configure().dataSource(dataSource()).locations("classpath:db/migration").load().info();
        JdbcClient jdbc = JdbcClient.create(dataSource());

        // then
        assertThat(info.applied()).extracting(m -> m.getVersion().getVersion()).contains("1", "2");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM conversation").query(Long.class).single()).isNotNegative();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM finished_triage").query(Long.class).single()).isNotNegative();
    }

    @Test
    @DisplayName("a brand-new service over the same database resumes at the same question with the same answers")
    void restartResumes() {
        // given
        StateMachineConversationService before = fixture.service();
        before.handle(prospect, new Command.Start(null, "Anna"));
        before.handle(prospect, new Command.Answer("product"));
        before.handle(prospect, new Command.Answer("yes"));
        View asked = before.handle(prospect, new Command.Answer("unsure"));

        // when: a new process starts (new machines, new locks) on the same database
        StateMachineConversationService after = fixture.service();
        View shown = after.handle(prospect, new Command.Show());

        // then
        assertThat(shown).isEqualTo(asked);
        View.QuestionView question = (View.QuestionView) shown;
        assertThat(question.questionId()).isEqualTo("pmf");
        assertThat(question.number()).isEqualTo(3);
        ConversationSnapshot snapshot = after.find(prospect).orElseThrow();
        assertThat(snapshot.answers().values()).containsExactly(Map.entry("p1", "yes"), Map.entry("p2", "unsure"));
        assertThat(snapshot.displayName()).isEqualTo("Anna");
        assertThat(snapshot.startedAt()).isEqualTo(fixture.clock.instant());

        // when: it carries on, including Back over the restored history
        View back = after.handle(prospect, new Command.Back(), shown.step());

        // then
        assertThat(((View.QuestionView) back).questionId()).isEqualTo("p2");
        assertThat(back.step()).isEqualTo(shown.step() + 1);
    }

    @Test
    @DisplayName("a finished triage is stored with the diagnostic version; deciding again updates the same row")
    void finishedTriages() {
        // given
        StateMachineConversationService service = fixture.service();
        FinishedTriages finished = service.store();
        service.handle(prospect, new Command.Start("tech", "Ben"));
        service.handle(prospect, new Command.Answer("yes"));
        service.handle(prospect, new Command.Answer("yes"));
        service.handle(prospect, new Command.Answer("Head of engineering"));
        fixture.clock.advanceSeconds(90);

        // when
        service.handle(prospect, new Command.Confirm());

        // then
        List<FinishedTriage> mine = mine(finished.findAll("tech"));
        assertThat(mine).hasSize(1);
        FinishedTriage triage = mine.get(0);
        assertThat(triage.diagnosticVersion()).isEqualTo("v-tech-1");
        assertThat(triage.outcomeKind()).isEqualTo("book");
        assertThat(triage.outcomeId()).isEqualTo("book");
        assertThat(triage.displayName()).isEqualTo("Ben");
        assertThat(triage.answers().values()).containsEntry("name", "Head of engineering");
        assertThat(triage.finishedAt()).isEqualTo(triage.startedAt().plusSeconds(90));
        assertThat(mine(finished.findAll("product"))).isEmpty();

        // when: back to the last question, change it, decide again
        service.handle(prospect, new Command.Back());
        service.handle(prospect, new Command.Back());
        service.handle(prospect, new Command.Answer("no"));
        service.handle(prospect, new Command.Confirm());

        // then
        List<FinishedTriage> again = mine(finished.findAll(null));
        assertThat(again).hasSize(1);
        assertThat(again.get(0).triageId()).isEqualTo(triage.triageId());
        assertThat(again.get(0).outcomeId()).isEqualTo("advice");

        // when: a restart and a second decision
        service.handle(prospect, new Command.Restart());
        service.handle(prospect, new Command.Answer("tech"));
        service.handle(prospect, new Command.Answer("no"));
        service.handle(prospect, new Command.Answer("no"));
        service.handle(prospect, new Command.Answer("CTO"));
        service.handle(prospect, new Command.Confirm());

        // then: both triages are kept
        assertThat(mine(finished.findAll("tech"))).hasSize(2)
                .extracting(FinishedTriage::triageId).doesNotHaveDuplicates();
    }

    @Test
    @DisplayName("a change another process stored is what the next command builds on, not what this one stored before")
    void anotherProcessesChangeIsRead() {
        // given: this process answers the first question; another goes back and answers it differently
        StateMachineConversationService here = fixture.service();
        StateMachineConversationService there = fixture.service();
        here.handle(prospect, new Command.Start("product", "Anna"));
        here.handle(prospect, new Command.Answer("yes"));
        there.handle(prospect, new Command.Back());
        there.handle(prospect, new Command.Answer("no"));

        // when: this process takes the next answer
        View next = here.handle(prospect, new Command.Answer("unsure"));

        // then: the other process's answer stands, with this one after it, and Back walks the stored history
        assertThat(here.find(prospect).orElseThrow().answers().values())
                .containsExactly(Map.entry("p1", "no"), Map.entry("p2", "unsure"));
        assertThat(((View.QuestionView) next).questionId()).isEqualTo("pmf");
        assertThat(((View.QuestionView) here.handle(prospect, new Command.Back())).questionId()).isEqualTo("p2");
    }

    @Test
    @DisplayName("erased and started again by another process: the next command builds on the new triage")
    void erasedAndStartedAgainElsewhere() {
        // given: this process starts a triage; another erases the prospect and starts a new one (version 0 again)
        StateMachineConversationService here = fixture.service();
        here.handle(prospect, new Command.Start("product", "Anna"));
        new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource))
                .executeWithoutResult(s -> fixture.store().erase(prospect));
        StateMachineConversationService there = fixture.service();
        there.handle(prospect, new Command.Start("tech", "Anna"));
        String newTriage = there.find(prospect).orElseThrow().triageId();

        // when
        View next = here.handle(prospect, new Command.Answer("yes"));

        // then
        ConversationSnapshot stored = here.find(prospect).orElseThrow();
        assertThat(stored.triageId()).isEqualTo(newTriage);
        assertThat(stored.answers().values()).containsExactly(Map.entry("t1", "yes"));
        assertThat(((View.QuestionView) next).questionId()).isEqualTo("t2");
    }

    @Test
    @DisplayName("erasing a prospect forgets what the service remembers of them")
    void erasureForgetsTheRememberedRow() {
        // given: the service remembers the row its last command committed; the store lifecycle erases through is
        // linked to the service's, as ConversationConfiguration links them
        StateMachineConversationService service = fixture.service();
        ConversationStore erasing = (ConversationStore) fixture.store();
        erasing.alsoForgetting(service.store());
        service.handle(prospect, new Command.Start("product", "Anna"));
        service.handle(prospect, new Command.Answer("yes"));

        // when
        new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource))
                .executeWithoutResult(s -> erasing.erase(prospect));

        // then: no copy of the answers is kept for a next command
        assertThat(service.store().takeCommitted(prospect)).isNull();
        assertThat(service.handle(prospect, new Command.Answer("no"))).isInstanceOf(View.EndedView.class);
    }

    @Test
    @DisplayName("a change rolled back (a listener failed) is not what the next command builds on")
    void rolledBackChangeIsNotRemembered() {
        // given: a listener that fails on the second answer, so its transaction rolls back
        java.util.concurrent.atomic.AtomicInteger changes = new java.util.concurrent.atomic.AtomicInteger();
        StateMachineConversationService service = new StateMachineConversationService(TestCatalogs.standard(),
                new com.discoverytriage.scoring.Rules(), fixture.dataSource,
                new DataSourceTransactionManager(fixture.dataSource),
                List.of(s -> {
                    if (changes.incrementAndGet() == 3) {
                        throw new IllegalStateException("the outbox is unavailable");
                    }
                }), null, fixture.clock, new ConversationProperties(2, 64),
                StateMachineConversationService.DEFAULT_RETENTION_DAYS);
        service.handle(prospect, new Command.Start("product", "Anna"));
        service.handle(prospect, new Command.Answer("yes"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> service.handle(prospect, new Command.Answer("no")))
                .isInstanceOf(IllegalStateException.class);
        // and another process then answers that question, taking the row to the version the failed change had
        fixture.service().handle(prospect, new Command.Answer("yes"));

        // when: the prospect answers the next question here
        View next = service.handle(prospect, new Command.Answer("unsure"));

        // then: the failed answer was never stored, nor built on; the other process's answer stands
        assertThat(service.find(prospect).orElseThrow().answers().values())
                .containsExactly(Map.entry("p1", "yes"), Map.entry("p2", "yes"), Map.entry("pmf", "unsure"));
        assertThat(((View.QuestionView) next).questionId()).isEqualTo("p3");
        assertThat(((View.QuestionView) service.handle(prospect, new Command.Back())).questionId()).isEqualTo("pmf");
    }

    @Test
    @DisplayName("two processes changing one conversation at once: exactly one change is applied")
    void optimisticVersion() throws Exception {
        // given: two services (two processes: separate locks) over one database
        DiagnosticCatalog catalog = TestCatalogs.standard();
        ConversationFixture.TestClock slowClock = new ConversationFixture.TestClock();
        StateMachineConversationService first = fixture.service(catalog, null, slowClock);
        StateMachineConversationService second = fixture.service();
        long step = second.handle(prospect, new Command.Start("product", "Anna")).step();
        CountDownLatch firstHasRead = new CountDownLatch(1);
        CountDownLatch secondDone = new CountDownLatch(1);
        slowClock.onNextRead(() -> {
            firstHasRead.countDown();
            await(secondDone);
        });

        // when: the first loads the row, the second applies its answer, then the first tries to store
        CompletableFuture<View> late = CompletableFuture.supplyAsync(
                () -> first.handle(prospect, new Command.Answer("no"), step));
        assertThat(firstHasRead.await(10, TimeUnit.SECONDS)).isTrue();
        View won = second.handle(prospect, new Command.Answer("yes"), step);
        secondDone.countDown();
        View lost = late.get(30, TimeUnit.SECONDS);

        // then
        assertThat(((View.QuestionView) won).questionId()).isEqualTo("p2");
        assertThat(lost).isInstanceOf(View.NoticeView.class);
        assertThat(((View.NoticeView) lost).text()).isEqualTo(StateMachineConversationService.CHANGED_MEANWHILE);
        ConversationSnapshot stored = second.find(prospect).orElseThrow();
        assertThat(stored.step()).isEqualTo(step + 1);
        assertThat(stored.answers().values()).containsExactly(Map.entry("p1", "yes"));
    }

    @Test
    @DisplayName("an erasure committed while a command is mid-flight wins: the command writes nothing back")
    void erasureDuringACommand() throws Exception {
        // given: a conversation in progress, and a command held after it has loaded the row
        ConversationFixture.TestClock slowClock = new ConversationFixture.TestClock();
        StateMachineConversationService service = fixture.service(TestCatalogs.standard(), null, slowClock);
        long step = service.handle(prospect, new Command.Start("product", "Anna")).step();
        int changesBefore = fixture.changes.size();
        CountDownLatch commandHasRead = new CountDownLatch(1);
        CountDownLatch erased = new CountDownLatch(1);
        slowClock.onNextRead(() -> {
            commandHasRead.countDown();
            await(erased);
        });
        CompletableFuture<View> command = CompletableFuture.supplyAsync(
                () -> service.handle(prospect, new Command.Answer("yes"), step));
        assertThat(commandHasRead.await(10, TimeUnit.SECONDS)).isTrue();

        // when: the prospect's data is erased (lifecycle's port, its own transaction) before the command stores
        new TransactionTemplate(new DataSourceTransactionManager(fixture.dataSource))
                .executeWithoutResult(s -> fixture.store().erase(prospect));
        erased.countDown();
        View answered = command.get(30, TimeUnit.SECONDS);

        // then: the optimistic version check refuses to write the erased row back, and no listener heard of it
        assertThat(answered).isInstanceOf(View.EndedView.class);
        assertThat(service.find(prospect)).isEmpty();
        assertThat(fixture.changes).hasSize(changesBefore);
        JdbcClient jdbc = JdbcClient.create(fixture.dataSource);
        for (String table : List.of("conversation", "finished_triage")) {
            assertThat(jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE prospect_id = ?")
                    .param(prospect.value()).query(Integer.class).single()).as(table).isZero();
        }
    }

    @Test
    @DisplayName("conversations due a reminder are listed oldest first, limited in SQL; once followed up they wait for expiry, and an answer makes them due again")
    void dueConversations() {
        // given: one prospect idle since the start, a later one, and one who cancelled
        StateMachineConversationService service = fixture.service();
        ProspectId later = new ProspectId("test:" + UUID.randomUUID());
        ProspectId cancelled = new ProspectId("test:" + UUID.randomUUID());
        service.handle(prospect, new Command.Start("tech", "Ben"));
        service.handle(cancelled, new Command.Start("tech", "Cy"));
        service.handle(cancelled, new Command.Cancel());
        fixture.clock.advanceSeconds(60);
        service.handle(later, new Command.Start("tech", "Di"));
        StoredConversations stored = service.store();
        java.time.Instant before = fixture.clock.instant().plusSeconds(1);
        StoredConversations.FollowUp remind = StoredConversations.FollowUp.REMIND;
        StoredConversations.FollowUp expire = StoredConversations.FollowUp.EXPIRE;

        // when
        List<StoredConversations.Idle> all = stored.due(remind, before, 10_000);
        StoredConversations.Idle first = all.stream().filter(c -> c.prospect().equals(prospect)).findFirst()
                .orElseThrow();
        stored.followedUp(first, expire);

        // then
        assertThat(all).extracting(StoredConversations.Idle::prospect).containsSubsequence(prospect, later)
                .doesNotContain(cancelled);
        assertThat(stored.due(remind, before, 1)).hasSize(1);
        assertThat(stored.due(remind, before, 10_000)).extracting(StoredConversations.Idle::prospect)
                .contains(later).doesNotContain(prospect);
        assertThat(stored.due(expire, before, 10_000)).extracting(StoredConversations.Idle::prospect)
                .contains(prospect).doesNotContain(later);

        // when the prospect answers, the new step waits for its own reminder
        fixture.clock.advanceSeconds(60);
        service.handle(prospect, new Command.Answer("yes"));
        java.time.Instant now = fixture.clock.instant().plusSeconds(1);
        assertThat(stored.due(expire, now, 10_000)).extracting(StoredConversations.Idle::prospect)
                .doesNotContain(prospect);
        assertThat(stored.due(remind, now, 10_000)).extracting(StoredConversations.Idle::prospect).contains(prospect);
        // and a follow-up recorded for an older step changes nothing
        stored.followedUp(first, null);
        assertThat(stored.due(remind, now, 10_000)).extracting(StoredConversations.Idle::prospect).contains(prospect);
    }

    @Test
    @DisplayName("the export's range is read in SQL: only triages started in [since, until), in start order")
    void startedInRange() {
        // given: three decided triages a day apart
        StateMachineConversationService service = fixture.service();
        java.time.Instant day0 = fixture.clock.instant();
        List<ProspectId> prospects = List.of(prospect, new ProspectId("test:" + UUID.randomUUID()),
                new ProspectId("test:" + UUID.randomUUID()));
        for (ProspectId p : prospects) {
            service.handle(p, new Command.Start("tech", "Ben"));
            service.handle(p, new Command.Answer("yes"));
            service.handle(p, new Command.Answer("yes"));
            service.handle(p, new Command.Answer("CTO"));
            service.handle(p, new Command.Confirm());
            fixture.clock.advanceSeconds(86_400);
        }
        ProspectId undecided = new ProspectId("test:" + UUID.randomUUID());
        fixture.clock.advanceSeconds(-86_400);
        service.handle(undecided, new Command.Start("tech", "Cy"));

        // when: the middle day
        List<FinishedTriage> day = new java.util.ArrayList<>();
        service.store().forEachStarted(day0.plusSeconds(86_400), day0.plusSeconds(2 * 86_400), day::add);

        // then
        assertThat(day).extracting(FinishedTriage::prospect).contains(prospects.get(1))
                .doesNotContain(prospects.get(0), prospects.get(2));
        assertThat(day).allSatisfy(t -> assertThat(t.startedAt()).isBetween(day0.plusSeconds(86_400),
                day0.plusSeconds(2 * 86_400 - 1)));
        assertThat(service.store().undecided(day0.plusSeconds(2 * 86_400), day0.plusSeconds(3 * 86_400)))
                .contains(undecided).doesNotContainAnyElementsOf(prospects);
        assertThat(service.store().undecided(day0, day0.plusSeconds(2 * 86_400))).doesNotContain(undecided);
    }

    @Test
    @DisplayName("looking up whose triage it is, many times over, gives every connection back")
    void prospectOfReleasesConnections() {
        // given
        StateMachineConversationService service = fixture.service();
        service.handle(prospect, new Command.Start("tech", "Ben"));
        String triageId = service.find(prospect).orElseThrow().triageId();

        // when / then: more lookups than the pool has connections (the volume benchmark found them kept open)
        for (int i = 0; i < 20; i++) {
            assertThat(service.store().prospectOf(triageId)).contains(prospect);
            assertThat(service.store().prospectOf("no-such-triage")).isEmpty();
        }
    }

    @Test
    @DisplayName("the retention purge takes old triages batch by batch, each triage once, and keeps recent ones")
    void purgeInBatches() {
        // given: three decided triages, a cancelled one, then a year and more later a new conversation
        StateMachineConversationService service = fixture.service();
        List<ProspectId> old = List.of(prospect, new ProspectId("test:" + UUID.randomUUID()),
                new ProspectId("test:" + UUID.randomUUID()));
        List<String> oldTriages = new java.util.ArrayList<>();
        for (ProspectId p : old) {
            service.handle(p, new Command.Start("tech", "Ben"));
            service.handle(p, new Command.Answer("yes"));
            service.handle(p, new Command.Answer("yes"));
            service.handle(p, new Command.Answer("CTO"));
            service.handle(p, new Command.Confirm());
            oldTriages.add(service.find(p).orElseThrow().triageId());
        }
        ProspectId cancelled = new ProspectId("test:" + UUID.randomUUID());
        service.handle(cancelled, new Command.Start("tech", "Cy"));
        oldTriages.add(service.find(cancelled).orElseThrow().triageId());
        service.handle(cancelled, new Command.Cancel());
        fixture.clock.advanceSeconds(400L * 86_400);
        ProspectId recent = new ProspectId("test:" + UUID.randomUUID());
        service.handle(recent, new Command.Start("tech", "Di"));
        java.time.Instant cutoff = fixture.clock.instant().minusSeconds(365L * 86_400);

        // when: batches of two until nothing is left
        List<String> purged = new java.util.ArrayList<>();
        for (int batch = 0; batch < 1_000; batch++) {
            java.util.Set<String> ids = service.store().purge(cutoff, 2);
            if (ids.isEmpty()) {
                break;
            }
            assertThat(ids.size()).isLessThanOrEqualTo(4);
            purged.addAll(ids);
        }

        // then
        assertThat(purged).containsAll(oldTriages).doesNotHaveDuplicates();
        assertThat(old).allSatisfy(p -> assertThat(service.find(p)).isEmpty());
        assertThat(mine(service.store().findAll(null))).isEmpty();
        assertThat(service.find(recent)).isPresent();
    }

    private List<FinishedTriage> mine(List<FinishedTriage> all) {
        return all.stream().filter(t -> t.prospect().equals(prospect)).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
