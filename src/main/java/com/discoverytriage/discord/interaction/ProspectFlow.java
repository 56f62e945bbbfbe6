package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The prospect's fit check as the handlers drive it: starting or resuming (a command, the panel's button, a DM),
 * the day's allowance of new triages, and rendering a view (remembering the last question shown, so that its
 * free-text button opens the matching form). Called on the workers only.
 */
final class ProspectFlow {

    static final String NOT_YOURS = "These buttons belong to someone else's fit check. Use /triage to start your own.";
    static final String DAILY_LIMIT = "You have started %d fit checks in the last 24 hours, the most we take in a "
            + "day. Your latest one is kept: use /triage to see it, or come back tomorrow to start a new one.";
    /** A burst of DMs gets one answer. */
    static final Duration DM_QUIET = Duration.ofMinutes(5);

    private final ConversationService conversations;
    private final ProspectRenderer renderer;
    private final TriageAllowance allowance;
    private final BoundedLru<Long, View.QuestionView> lastQuestions = new BoundedLru<>(10_000);
    /** When each prospect's last DM was answered (System.nanoTime). */
    private final BoundedLru<Long, Long> lastDmAnswers = new BoundedLru<>(10_000);
    private final LongSupplier nanoTime = System::nanoTime;

    /** @param allowance new triages per person a day; null: no limit */
    ProspectFlow(ConversationService conversations, ProspectRenderer renderer, TriageAllowance allowance) {
        this.conversations = conversations;
        this.renderer = renderer;
        this.allowance = allowance;
    }

    ConversationService conversations() {
        return conversations;
    }

    ProspectRenderer renderer() {
        return renderer;
    }

    /** True, with a gentle note, when the fit check's buttons or form belong to someone else than who used them. */
    static boolean refusedAsForeign(InteractionContext c) {
        if (c.customId().subject().equals(Long.toUnsignedString(c.interaction().userId()))) {
            return false;
        }
        c.note(NOT_YOURS);
        return true;
    }

    /** A new conversation, or the offer to continue / start over one that is stored. */
    MessageSpec start(Interaction i, Optional<String> diagnostic) {
        ProspectId prospect = DiscordProspects.of(i.userId());
        Optional<ConversationSnapshot> stored = conversations.find(prospect);
        if (stored.isPresent() && stored.get().phase() != Phase.CANCELLED && diagnostic.isEmpty()) {
            return renderer.resumeOffer(stored.get(), i.userId());
        }
        if (!allowedNewTriage(i.userId(), stored)) {
            return dailyLimit();
        }
        View view = conversations.handle(prospect, new Command.Start(diagnostic.orElse(null), i.displayName()));
        return render(view, i.userId());
    }

    /** Start over from the resume offer: a new triage when the stored one ended, within the day's allowance. */
    MessageSpec startOver(Interaction i) {
        ProspectId prospect = DiscordProspects.of(i.userId());
        if (!allowedNewTriage(i.userId(), conversations.find(prospect))) {
            return dailyLimit();
        }
        return render(conversations.handle(prospect, new Command.Start(null, i.displayName())), i.userId());
    }

    /**
     * The answer to a DM: always when there is no triage yet (it starts one), otherwise only when the last DM answer
     * ("Continue / Start over", or the first question) is more than {@link #DM_QUIET} ago.
     */
    Optional<MessageSpec> directMessage(Interaction i) {
        boolean triageStored = conversations.find(DiscordProspects.of(i.userId()))
                .filter(s -> s.phase() != Phase.CANCELLED).isPresent();
        if (!claimDmAnswer(i.userId(), triageStored)) {
            return Optional.empty();
        }
        return Optional.of(start(i, Optional.empty()));
    }

    private boolean claimDmAnswer(long userId, boolean triageStored) {
        synchronized (lastDmAnswers) {
            long now = nanoTime.getAsLong();
            Long last = lastDmAnswers.get(userId);
            if (triageStored && last != null && now - last < DM_QUIET.toNanos()) {
                return false;
            }
            lastDmAnswers.put(userId, now);
            return true;
        }
    }

    /** The last question shown to this person, when it is the one at {@code step}. */
    Optional<View.QuestionView> lastQuestion(long userId, long step) {
        View.QuestionView q = lastQuestions.get(userId);
        return q != null && q.step() == step ? Optional.of(q) : Optional.empty();
    }

    /** The prospect's command for the step on screen, applied, and what they see next. */
    MessageSpec applyAt(long userId, Command command, long step) {
        return render(conversations.handle(DiscordProspects.of(userId), command, step), userId);
    }

    MessageSpec render(View view, long userId) {
        View shown = view instanceof View.NoticeView n ? n.current() : view;
        if (shown instanceof View.QuestionView q) {
            lastQuestions.put(userId, q);
        }
        return renderer.render(view, userId);
    }

    /** A start that makes a new triage (nothing stored, or the stored one ended) counts against the day's allowance. */
    private boolean allowedNewTriage(long userId, Optional<ConversationSnapshot> stored) {
        boolean newTriage = stored.isEmpty() || stored.get().phase() == Phase.DECIDED
                || stored.get().phase() == Phase.CANCELLED;
        return allowance == null || !newTriage || allowance.tryStart(userId);
    }

    private MessageSpec dailyLimit() {
        return ProspectRenderer.note(DAILY_LIMIT.formatted(allowance.perDay())).asEphemeral(true);
    }
}
