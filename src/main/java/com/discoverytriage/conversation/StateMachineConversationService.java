package com.discoverytriage.conversation;

import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.diagnostic.Question;
import com.discoverytriage.diagnostic.QuestionKind;
import com.discoverytriage.scoring.Rules;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.statemachine.StateMachine;
import org.springframework.statemachine.StateMachineEventResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import reactor.core.publisher.Mono;

/**
 * The conversation service on a Spring Statemachine, with no machine kept per prospect. For each command: lock the
 * prospect (striped locks), load the stored context, reset a pooled, already started machine to it (no stop and
 * start per command), send the event and require it to be accepted, read the new state and extended state back,
 * release the machine, then store the result with an optimistic version check and tell the listeners, all in one
 * transaction.
 */
public final class StateMachineConversationService implements ConversationService {

    static final String ALREADY_ANSWERED = "That question has already been answered; here is where you are now.";
    static final String CHANGED_MEANWHILE = "Your triage changed in the meantime; here is where it stands now.";
    static final String NOTHING_TO_GO_BACK_TO = "There is nothing to go back to: this is the first question.";
    static final String UNKNOWN_DIAGNOSTIC = "That diagnostic does not exist; please pick the one that fits.";

    private static final Logger log = LoggerFactory.getLogger(StateMachineConversationService.class);

    private final DiagnosticCatalog catalog;
    private final ConversationMachineFactory factory;
    private final MachinePool pool;
    private final ProspectLocks locks;
    private final ConversationStore store;
    private final TransactionTemplate tx;
    private final List<ConversationListener> listeners;
    private final ConversationViews views;
    private final Clock clock;

    /** How long answers are kept when {@code triage.retention-days} is not set, as the welcome tells the prospect. */
    public static final int DEFAULT_RETENTION_DAYS = ConversationViews.DEFAULT_RETENTION_DAYS;

    /**
     * @param bookingLinks  null when no booking link maker exists (book outcomes then say the consultant will reach
     *                      out)
     * @param retentionDays how long answers are kept ({@code triage.retention-days}), as the welcome tells the prospect
     */
    public StateMachineConversationService(
            DiagnosticCatalog catalog,
            Rules rules,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            List<ConversationListener> listeners,
            BookingLinks bookingLinks,
            Clock clock,
            ConversationProperties properties,
            int retentionDays) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.factory = new ConversationMachineFactory(catalog, rules);
        this.pool = new MachinePool(properties.machinePoolSize(), factory::buildStarted);
        this.locks = new ProspectLocks(properties.lockStripes());
        this.store = new ConversationStore(dataSource, new ObjectMapper());
        this.tx = new TransactionTemplate(transactions);
        this.listeners = List.copyOf(listeners);
        this.views = new ConversationViews(catalog, rules, bookingLinks, retentionDays);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public View handle(ProspectId prospect, Command command) {
        return apply(prospect, command, OptionalLong.empty());
    }

    @Override
    public View handle(ProspectId prospect, Command command, long expectedStep) {
        return apply(prospect, command, OptionalLong.of(expectedStep));
    }

    @Override
    public Optional<ConversationSnapshot> find(ProspectId prospect) {
        return store.find(prospect).map(this::repaired).map(views::snapshot);
    }

    @Override
    public List<ConversationSnapshot> findMany(List<ProspectId> prospects) {
        return store.findMany(prospects).stream().map(this::repaired).map(views::snapshot).toList();
    }

    MachinePool pool() {
        return pool;
    }

    ProspectLocks locks() {
        return locks;
    }

    ConversationStore store() {
        return store;
    }

    private View apply(ProspectId prospect, Command command, OptionalLong expectedStep) {
        Objects.requireNonNull(prospect, "prospect");
        Objects.requireNonNull(command, "command");
        // The machine is taken before the lock, the transaction and the connection: a caller waiting for one of
        // the pooled machines holds nothing another caller needs, whatever the pool's size against the workers.
        StateMachine<String, ConversationEvents> machine = firesEvent(command) ? pool.acquire() : null;
        try {
            return applyWith(machine, prospect, command, expectedStep);
        } finally {
            if (machine != null) {
                pool.release(machine);
            }
        }
    }

    private View applyWith(StateMachine<String, ConversationEvents> machine, ProspectId prospect, Command command,
            OptionalLong expectedStep) {
        ReentrantLock lock = locks.lockFor(prospect);
        lock.lock();
        try {
            // the row this process's last committed command of the prospect stored or read, if still remembered: the
            // update's version check proves whether it is current (see applyLocked)
            Seen seen = new Seen(store.takeCommitted(prospect));
            try {
                View view = tx.execute(status -> applyLocked(machine, prospect, command, expectedStep, seen));
                // committed: what the next command of this prospect (in this process) may start from
                store.committed(seen.row);
                return view;
            } catch (ConcurrentChangeException | DuplicateKeyException e) {
                log.debug("conversation of {} changed concurrently; nothing applied", prospect);
                return store.find(prospect)
                        .map(this::repaired)
                        .<View>map(c -> new View.NoticeView(c.step(), CHANGED_MEANWHILE, views.view(c)))
                        .orElseGet(() -> new View.EndedView(0, ConversationViews.NOTHING_YET));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Show and Start read or write the stored row only; every other command runs an event on a machine. */
    private static boolean firesEvent(Command command) {
        return !(command instanceof Command.Show || command instanceof Command.Start);
    }

    private View applyLocked(StateMachine<String, ConversationEvents> machine, ProspectId prospect, Command command,
            OptionalLong expectedStep, Seen seen) {
        StoredConversation remembered = seen.row;
        seen.row = null;
        if (remembered != null && machine != null
                && (expectedStep.isEmpty() || remembered.step() == expectedStep.getAsLong())) {
            // The row as this process last stored it, if no one changed it since: the version (and triage) check of
            // the update proves it. Anything else (changed meanwhile, stale step, refused) is decided on the row
            // read afresh, below; the update that did not match changed nothing.
            Instant now = clock.instant();
            Optional<Transition> changed = fire(machine, remembered, command, now);
            if (changed.isPresent()) {
                StoredConversation next = next(remembered, changed.get(), now);
                if (tryStore(next, remembered)) {
                    seen.row = next;
                    return changed(remembered, next, command);
                }
            }
        }
        Optional<StoredConversation> found = store.find(prospect).map(this::repaired);
        seen.row = found.orElse(null);
        if (command instanceof Command.Show) {
            return found.map(views::view).orElseGet(() -> new View.EndedView(0, ConversationViews.NOTHING_YET));
        }
        if (found.isPresent() && expectedStep.isPresent() && found.get().step() != expectedStep.getAsLong()) {
            log.debug("stale command for {}: step {} expected, {} stored", prospect, expectedStep.getAsLong(),
                    found.get().step());
            return notice(found.get(), ALREADY_ANSWERED);
        }
        if (command instanceof Command.Start start) {
            return start(prospect, start, found, seen);
        }
        if (found.isEmpty()) {
            return new View.EndedView(0, ConversationViews.NOTHING_YET);
        }
        StoredConversation current = found.get();
        Instant now = clock.instant();
        Optional<Transition> changed = fire(machine, current, command, now);
        if (changed.isEmpty()) {
            return notice(current, refusal(current, command));
        }
        StoredConversation next = next(current, changed.get(), now);
        store(next, current);
        seen.row = next;
        return changed(current, next, command);
    }

    private View start(ProspectId prospect, Command.Start start, Optional<StoredConversation> found, Seen seen) {
        if (found.isPresent() && ConversationStates.isActive(found.get().state())) {
            return views.view(found.get());
        }
        String diagnosticId = start.diagnosticId();
        boolean unknown = diagnosticId != null
                && catalog.find(diagnosticId).filter(d -> !d.questions().isEmpty()).isEmpty();
        if (unknown) {
            diagnosticId = null;
        }
        Instant now = clock.instant();
        String state = factory.initialState(diagnosticId);
        ConversationData data = new ConversationData(UUID.randomUUID().toString(), diagnosticId, Map.of(),
                List.of(state), now, null, null, null);
        String displayName = start.displayName() != null ? start.displayName()
                : found.map(StoredConversation::displayName).orElse(null);
        StoredConversation fresh = new StoredConversation(prospect, displayName, state, versionOf(diagnosticId),
                found.map(c -> c.step() + 1).orElse(1L), found.map(c -> c.version() + 1).orElse(0L), now, data);
        if (found.isPresent()) {
            store(fresh, found.get());
        } else {
            store.insert(fresh);
        }
        seen.row = fresh;
        log.debug("conversation of {} started at {}", prospect, state);
        notifyListeners(fresh, ConversationChange.TRIAGE_BEGINS);
        View view = views.view(fresh);
        if (unknown) {
            return new View.NoticeView(fresh.step(), UNKNOWN_DIAGNOSTIC, view);
        }
        return new View.NoticeView(fresh.step(), views.welcome(diagnosticId), view);
    }

    /** Runs the command's event on the caller's pooled machine restored to {@code current}; empty when not accepted. */
    private Optional<Transition> fire(StateMachine<String, ConversationEvents> machine, StoredConversation current,
            Command command, Instant now) {
        Message<ConversationEvents> message = MessageBuilder.withPayload(eventOf(command))
                .setHeader(ConversationEvents.VALUE, command instanceof Command.Answer a ? a.value()
                        : command instanceof Command.Edit e ? e.questionId() : null)
                .setHeader(ConversationEvents.NOW, now)
                .build();
        try {
            ConversationMachineFactory.restore(machine, current.state(), current.data());
            List<StateMachineEventResult<String, ConversationEvents>> results =
                    machine.sendEvent(Mono.just(message)).collectList().block();
            boolean accepted = results != null && !results.isEmpty() && results.stream()
                    .allMatch(r -> r.getResultType() == StateMachineEventResult.ResultType.ACCEPTED);
            Map<Object, Object> variables = machine.getExtendedState().getVariables();
            if (variables.get(ConversationData.ERROR) instanceof RuntimeException error) {
                throw new IllegalStateException("the conversation machine failed on " + message.getPayload(), error);
            }
            if (!accepted || !Boolean.TRUE.equals(variables.get(ConversationData.TRANSITIONED))) {
                return Optional.empty();
            }
            return Optional.of(new Transition(ConversationMachineFactory.storedState(machine),
                    ConversationData.fromVariables(variables)));
        } finally {
            // the machine stays started; it keeps no prospect's data while it goes back to the pool (the caller
            // returns it there: it was taken before the lock)
            machine.getExtendedState().getVariables().clear();
            if (machine.hasStateMachineError()) {
                machine.setStateMachineError(null);
            }
        }
    }

    private StoredConversation next(StoredConversation current, Transition transition, Instant now) {
        ConversationData data = transition.data();
        return new StoredConversation(current.prospect(), current.displayName(), transition.state(),
                data.diagnosticId() == null ? null : versionOf(data.diagnosticId()), current.step() + 1,
                current.version() + 1, now, data);
    }

    /** After {@code next} is stored: the listeners, and what the prospect sees. */
    private View changed(StoredConversation current, StoredConversation next, Command command) {
        log.debug("conversation of {}: {} -> {}", current.prospect(), current.state(), next.state());
        notifyListeners(next, changeOf(current, next));
        View view = views.view(next);
        return command instanceof Command.Answer ? views.withGateNotice(current, next, view) : view;
    }

    private void store(StoredConversation next, StoredConversation current) {
        if (!tryStore(next, current)) {
            throw new ConcurrentChangeException();
        }
    }

    /** Stores {@code next} if the row is still {@code current}; false, and nothing written, when it is not. */
    private boolean tryStore(StoredConversation next, StoredConversation current) {
        if (!store.update(next, current.version(), current.data().triageId())) {
            return false;
        }
        if (ConversationStates.DECIDED.equals(next.state())) {
            ConversationData d = next.data();
            store.saveFinished(new FinishedTriage(d.triageId(), next.prospect(), next.displayName(), d.diagnosticId(),
                    next.diagnosticVersion(), new com.discoverytriage.diagnostic.Answers(d.answers()),
                    d.outcomeKind(), d.outcomeId(), d.startedAt(), d.finishedAt()));
        }
        return true;
    }

    private void notifyListeners(StoredConversation changed, ConversationChange change) {
        if (listeners.isEmpty()) {
            return;
        }
        ConversationSnapshot snapshot = views.snapshot(changed);
        for (ConversationListener listener : listeners) {
            listener.onChange(snapshot, change);
        }
    }

    private static ConversationChange changeOf(StoredConversation current, StoredConversation next) {
        if (!next.data().triageId().equals(current.data().triageId())) {
            return ConversationChange.TRIAGE_BEGINS;
        }
        boolean progress = movesBetweenQuestions(current.state()) && movesBetweenQuestions(next.state())
                && Objects.equals(current.data().diagnosticId(), next.data().diagnosticId())
                && Objects.equals(current.diagnosticVersion(), next.diagnosticVersion());
        return progress ? ConversationChange.PROGRESS : ConversationChange.OTHER;
    }

    /** A question or the review: no outcome, not cancelled. */
    private static boolean movesBetweenQuestions(String state) {
        Phase phase = ConversationStates.phase(state);
        return phase == Phase.ASKING || phase == Phase.REVIEW;
    }

    private static ConversationEvents eventOf(Command command) {
        if (command instanceof Command.Answer) {
            return ConversationEvents.ANSWER;
        }
        if (command instanceof Command.Back) {
            return ConversationEvents.BACK;
        }
        if (command instanceof Command.Restart) {
            return ConversationEvents.RESTART;
        }
        if (command instanceof Command.Cancel) {
            return ConversationEvents.CANCEL;
        }
        if (command instanceof Command.Confirm) {
            return ConversationEvents.CONFIRM;
        }
        if (command instanceof Command.Edit) {
            return ConversationEvents.EDIT;
        }
        throw new IllegalArgumentException("no event for " + command.getClass().getSimpleName());
    }

    /** Why a command was not accepted where the conversation stands, in words the prospect understands. */
    private String refusal(StoredConversation current, Command command) {
        Phase phase = ConversationStates.phase(current.state());
        if (phase == Phase.CANCELLED) {
            return "This triage was cancelled. Start again whenever you like.";
        }
        if (command instanceof Command.Answer) {
            return switch (phase) {
                case ROUTING -> "Please pick one of the options: its number, or a word of its name such as '"
                        + shortName() + "'.";
                case ASKING -> reAsk(ConversationStates.questionOf(catalog, current.state()).orElseThrow());
                case REVIEW -> "Your answers are ready: confirm them, or go back to change one.";
                default -> "This triage is finished: go back to change an answer, or start over.";
            };
        }
        if (command instanceof Command.Back) {
            return NOTHING_TO_GO_BACK_TO;
        }
        if (command instanceof Command.Confirm) {
            return phase == Phase.DECIDED
                    ? "This triage is already decided."
                    : "Please answer the current question first.";
        }
        if (command instanceof Command.Edit) {
            return phase == Phase.REVIEW || phase == Phase.DECIDED
                    ? "There is no answer to that question to change; pick one from the list."
                    : "You can change an answer from the review of your answers.";
        }
        if (command instanceof Command.Cancel && phase == Phase.DECIDED) {
            return "This triage is already finished; nothing to cancel.";
        }
        return "That does not apply right now.";
    }

    private String shortName() {
        return catalog.routing() == null || catalog.routing().routes().isEmpty() ? "product"
                : catalog.routing().routes().get(0).diagnostic().split("-")[0];
    }

    private static String reAsk(Question question) {
        if (question.kind() == QuestionKind.TEXT) {
            return "Please type a short answer; this question cannot be skipped.";
        }
        return "Sorry, I did not catch that. Please answer Yes, No or Not sure.";
    }

    private View notice(StoredConversation current, String text) {
        return new View.NoticeView(current.step(), text, views.view(current));
    }

    private String versionOf(String diagnosticId) {
        return diagnosticId == null ? null : catalog.find(diagnosticId).map(Diagnostic::version).orElse(null);
    }

    /**
     * A stored state the catalog no longer knows (a conversation file was edited or removed since) is moved to the
     * first unanswered question of its diagnostic, or to routing, instead of breaking the prospect's conversation.
     */
    private StoredConversation repaired(StoredConversation c) {
        String state = c.state();
        boolean known = ConversationStates.isQuestion(state)
                ? ConversationStates.questionOf(catalog, state).isPresent()
                : !(ConversationStates.REVIEW.equals(state) || ConversationStates.DECIDED.equals(state))
                || (c.data().diagnosticId() != null && catalog.find(c.data().diagnosticId()).isPresent());
        if (known) {
            return c;
        }
        ConversationData d = c.data();
        Optional<Diagnostic> diagnostic = Optional.ofNullable(d.diagnosticId()).flatMap(catalog::find)
                .filter(x -> !x.questions().isEmpty());
        String target = diagnostic.map(x -> factory.nextAfter(x, d.answers(), -1)).orElse(ConversationStates.ROUTING);
        if (ConversationStates.REVIEW.equals(target)) {
            target = ConversationStates.first(diagnostic.orElseThrow());
        }
        log.debug("conversation of {} was at a state the catalog no longer has; moved to {}", c.prospect(), target);
        ConversationData moved = new ConversationData(d.triageId(), diagnostic.map(Diagnostic::id).orElse(null),
                diagnostic.isPresent() ? d.answers() : Map.of(), List.of(target), d.startedAt(), null, null, null);
        return new StoredConversation(c.prospect(), c.displayName(), target, c.diagnosticVersion(), c.step(),
                c.version(), c.updatedAt(), moved);
    }

    private record Transition(String state, ConversationData data) {
    }

    /** A command's view of the prospect's row: what it started from, then what it read or stored. */
    private static final class Seen {
        StoredConversation row;

        Seen(StoredConversation row) {
            this.row = row;
        }
    }

    /** The row changed between loading and storing: another process applied a command first. */
    private static final class ConcurrentChangeException extends RuntimeException {

        ConcurrentChangeException() {
            super("the conversation changed concurrently", null, false, false);
        }
    }
}
