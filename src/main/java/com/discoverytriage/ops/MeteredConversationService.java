package com.discoverytriage.ops;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Times every command through the conversation service ({@code triage.answer.processing}, tagged with the
 * command: answer, back, start...): lock, load, machine, store, listeners. No prospect in any tag.
 */
final class MeteredConversationService implements ConversationService {

    static final String TIMER = "triage.answer.processing";

    private final ConversationService delegate;
    private final MeterRegistry registry;

    MeteredConversationService(ConversationService delegate, MeterRegistry registry) {
        this.delegate = delegate;
        this.registry = registry;
    }

    @Override
    public View handle(ProspectId prospect, Command command) {
        return timed(command, () -> delegate.handle(prospect, command));
    }

    @Override
    public View handle(ProspectId prospect, Command command, long expectedStep) {
        return timed(command, () -> delegate.handle(prospect, command, expectedStep));
    }

    @Override
    public Optional<ConversationSnapshot> find(ProspectId prospect) {
        return delegate.find(prospect);
    }

    @Override
    public java.util.List<ConversationSnapshot> findMany(java.util.List<ProspectId> prospects) {
        return delegate.findMany(prospects);
    }

    private View timed(Command command, Supplier<View> work) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "error";
        try {
            View view = work.get();
            outcome = "ok";
            return view;
        } finally {
            sample.stop(Timer.builder(TIMER)
                    .description("Time to apply one prospect command (lock, load, state machine, store)")
                    .tag("command", command.getClass().getSimpleName().toLowerCase(Locale.ROOT))
                    .tag("outcome", outcome)
                    .publishPercentileHistogram()
                    .register(registry));
        }
    }
}
