package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.card.CardRenderer;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.conversation.View;
import com.discoverytriage.summary.LeadState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns interactions into the core's commands and the views back into messages. On the listener thread it only
 * checks the custom id (in memory) and acknowledges; everything that touches the database runs on the
 * application's own executor and then edits the original response.
 */
public class TriageInteractions {

    static final String NOT_YOURS = "These buttons belong to someone else's fit check. Use /triage to start your own.";
    static final String EXPIRED = "This button is no longer valid. Use /triage to continue your fit check.";
    static final String BUSY = "Busy right now: please click again in a moment.";
    static final String CONSULTANTS_ONLY = "Only the consultant can use these buttons.";
    static final String TALK_NOTE = "Thanks: the consultant will see that you would like to talk anyway.";
    public static final String UNAVAILABLE = "This command is not available right now.";
    static final String DAILY_LIMIT = "You have started %d fit checks in the last 24 hours, the most we take in a "
            + "day. Your latest one is kept: use /triage to see it, or come back tomorrow to start a new one.";
    static final String STALE_TALK = "That button belonged to an earlier result; here is where your fit check stands now.";

    private static final Logger log = LoggerFactory.getLogger(TriageInteractions.class);

    private final ConversationService conversations;
    private final ProspectRenderer renderer;
    private final CustomIds ids;
    private final ConsultantDesk desk;
    private final DataRights dataRights;
    private volatile InteractionReceipts receipts = InteractionReceipts.NONE;
    private final ServerPolicy policy;
    private final TriageAllowance allowance;
    private final PerPersonQueue queue;
    private final BoundedLru<Long, Boolean> seen = new BoundedLru<>(10_000);
    private final BoundedLru<Long, View.QuestionView> lastQuestions = new BoundedLru<>(10_000);
    /** When each prospect's last DM was answered (System.nanoTime), so that a burst of DMs gets one answer. */
    private final BoundedLru<Long, Long> lastDmAnswers = new BoundedLru<>(10_000);
    static final java.time.Duration DM_QUIET = java.time.Duration.ofMinutes(5);
    private final java.util.function.LongSupplier nanoTime = System::nanoTime;

    private final InteractionMetrics metrics = InteractionMetrics.global();
    private StatsCommand stats;

    public TriageInteractions(ConversationService conversations, ProspectRenderer renderer, CustomIds ids,
            ConsultantDesk desk, Executor executor, ServerPolicy policy) {
        this(conversations, renderer, ids, desk, executor, policy, null, null, Integer.MAX_VALUE);
    }

    /** @param dataRights {@code /triage-forget} and {@code /triage-export}; null: those commands answer a note */
    TriageInteractions(ConversationService conversations, ProspectRenderer renderer, CustomIds ids,
            ConsultantDesk desk, Executor executor, ServerPolicy policy, DataRights dataRights) {
        this(conversations, renderer, ids, desk, executor, policy, dataRights, null, Integer.MAX_VALUE);
    }

    /**
     * @param allowance       new triages per person a day; null: no limit
     * @param queuedPerPerson one person's interactions waiting for a worker at once
     */
    public TriageInteractions(ConversationService conversations, ProspectRenderer renderer, CustomIds ids,
            ConsultantDesk desk, Executor executor, ServerPolicy policy, DataRights dataRights,
            TriageAllowance allowance, int queuedPerPerson) {
        this.policy = policy;
        this.allowance = allowance;
        this.queue = new PerPersonQueue(executor, queuedPerPerson);
        this.conversations = conversations;
        this.renderer = renderer;
        this.ids = ids;
        this.desk = desk;
        this.dataRights = dataRights;
    }

    /** Interaction ids recorded in the database: a repeat delivered to another instance is not applied twice. */
    public void receipts(InteractionReceipts receipts) {
        this.receipts = receipts;
    }

    /** Adds {@code /triage-stats}; without it the command answers that it is unavailable. */
    public TriageInteractions withStats(StatsCommand command) {
        this.stats = command;
        return this;
    }

    /**
     * Called on the listener thread (or the HTTP endpoint's): never blocks. Answers false, without acknowledging,
     * for an interaction this process has already seen.
     */
    public boolean handle(Interaction received, Responder responder) {
        if (!seen.add(received.id(), Boolean.TRUE)) {
            log.debug("ignored a repeated {}", received);
            return false;
        }
        Responder r = metrics.observe(received, responder);
        if (!policy.servesProspects(received.guildId())) {
            log.info("refused {} from a server that is neither the home server nor allowed", received);
            r.reply(ProspectRenderer.note(ServerPolicy.ELSEWHERE).asEphemeral(true));
            return true;
        }
        Interaction i = policy.trusted(received);
        switch (i.kind()) {
            case TRIAGE_COMMAND -> {
                later(i, r, r.deferReply(i.inGuild()), () -> start(i, Optional.ofNullable(i.option())));
            }
            case PANEL_COMMAND -> panel(i, r);
            case FORGET_COMMAND -> {
                if (dataRights == null) {
                    r.reply(ProspectRenderer.note(UNAVAILABLE).asEphemeral(true));
                } else {
                    dataRights.forgetCommand(i, r);
                }
            }
            case EXPORT_COMMAND -> {
                if (dataRights == null) {
                    r.reply(ProspectRenderer.note(UNAVAILABLE).asEphemeral(true));
                } else {
                    dataRights.exportCommand(i, r);
                }
            }
            case STATS_COMMAND -> {
                if (stats == null) {
                    r.reply(ProspectRenderer.note(UNAVAILABLE).asEphemeral(true));
                } else {
                    stats.command(i, r);
                }
            }
            case BUTTON, MODAL -> component(i, r);
        }
        return true;
    }

    /**
     * A prospect wrote to the bot in a DM: the same flow, in normal DM messages with buttons. The message's content
     * is never read (no MESSAGE_CONTENT intent needed).
     */
    public void directMessage(long userId, String displayName, Function<MessageSpec, CompletableFuture<Void>> reply) {
        Interaction i = new Interaction(0, Interaction.Kind.TRIAGE_COMMAND, userId, displayName, null, null, null, 0, false);
        try {
            queue.execute(userId, () -> {
                try {
                    boolean triageStored = conversations.find(DiscordProspects.of(userId))
                            .filter(s -> s.phase() != Phase.CANCELLED).isPresent();
                    if (!claimDmAnswer(userId, triageStored)) {
                        log.debug("a DM was not answered: the prospect got an answer a moment ago");
                        return;
                    }
                    send(reply.apply(start(i, Optional.empty())), i);
                } catch (RuntimeException e) {
                    log.error("answering a DM failed: {}", e.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("busy: a DM was not answered");
        }
    }

    /**
     * Whether to answer a DM: always when there is no triage yet (it starts one), otherwise only when the last DM
     * answer ("Continue / Start over", or the first question) is more than {@link #DM_QUIET} ago.
     */
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

    private void panel(Interaction i, Responder r) {
        if (!i.consultant()) {
            r.reply(ProspectRenderer.note(CONSULTANTS_ONLY).asEphemeral(true));
            return;
        }
        r.reply(ProspectRenderer.note("Panel posted.").asEphemeral(true))
                .thenCompose(v -> r.postInChannel(renderer.panel()))
                .exceptionally(t -> {
                    log.warn("could not post the panel: {}", DiscordFailure.of(t));
                    return null;
                });
    }

    private void component(Interaction i, Responder r) {
        Optional<CustomId> decoded = ids.decode(i.customId());
        if (decoded.isEmpty()) {
            r.reply(ProspectRenderer.note(EXPIRED).asEphemeral(true));
            return;
        }
        CustomId id = decoded.get();
        switch (id.kind()) {
            case CustomId.PANEL -> {
                later(i, r, r.deferReply(i.inGuild()), () -> start(i, Optional.empty()));
            }
            case CustomId.CARD -> card(i, id, r);
            case CustomId.TRIAGE, CustomId.MODAL -> triage(i, id, r);
            case CustomId.FORGET -> {
                if (dataRights == null) {
                    r.reply(ProspectRenderer.note(EXPIRED).asEphemeral(true));
                } else {
                    dataRights.confirmationClick(i, id, r);
                }
            }
            default -> r.reply(ProspectRenderer.note(EXPIRED).asEphemeral(true));
        }
    }

    private void triage(Interaction i, CustomId id, Responder r) {
        if (!id.subject().equals(Long.toUnsignedString(i.userId()))) {
            r.reply(ProspectRenderer.note(NOT_YOURS).asEphemeral(true));
            return;
        }
        ProspectId prospect = DiscordProspects.of(i.userId());
        if (id.kind().equals(CustomId.TRIAGE) && id.verb().equals("text")) {
            View.QuestionView q = lastQuestions.get(i.userId());
            r.modal(q != null && q.step() == id.step() ? renderer.modal(q, i.userId()) : renderer.genericModal(i.userId(), id.step()));
            return;
        }
        later(i, r, r.deferUpdate(), () -> {
            switch (id.verb()) {
                case "talk" -> {
                    return talkAnyway(i, id, prospect);
                }
                case "show" -> {
                    return render(conversations.handle(prospect, new Command.Show()), i.userId());
                }
                case "start" -> {
                    if (!allowedNewTriage(i.userId(), conversations.find(prospect))) {
                        return ProspectRenderer.note(DAILY_LIMIT.formatted(allowance.perDay())).asEphemeral(true);
                    }
                    return render(conversations.handle(prospect, new Command.Start(null, i.displayName())), i.userId());
                }
                default -> {
                    Command command = command(id, i.text());
                    return render(conversations.handle(prospect, command, id.step()), i.userId());
                }
            }
        });
    }

    /**
     * Flags the triage on screen, and only that one: the button must belong to the current, still alternative
     * outcome. A button left over from before a restart (a new triage, a new lead) or a back-and-change flags nothing.
     */
    private MessageSpec talkAnyway(Interaction i, CustomId id, ProspectId prospect) {
        Optional<ConversationSnapshot> stored = conversations.find(prospect)
                .filter(s -> s.step() == id.step() && s.phase() == Phase.DECIDED && s.evaluation() != null
                        && !s.evaluation().outcome().isBook());
        View current = conversations.handle(prospect, new Command.Show());
        if (stored.isEmpty()) {
            return render(current, i.userId()).withContent(STALE_TALK);
        }
        desk.talkAnyway(stored.get().triageId());
        if (current instanceof View.OutcomeView o) {
            return renderer.outcome(o, i.userId(), TALK_NOTE);
        }
        return render(current, i.userId());
    }

    private static Command command(CustomId id, String text) {
        if (id.kind().equals(CustomId.MODAL)) {
            return new Command.Answer(text == null ? "" : text);
        }
        return switch (id.verb()) {
            case "a" -> new Command.Answer(id.argument());
            case "skip" -> new Command.Answer("");
            case "back" -> new Command.Back();
            case "restart" -> new Command.Restart();
            case "confirm" -> new Command.Confirm();
            case "edit" -> new Command.Edit(text == null ? "" : text);
            default -> new Command.Show();
        };
    }

    private void card(Interaction i, CustomId id, Responder r) {
        if (!i.consultant()) {
            r.reply(ProspectRenderer.note(CONSULTANTS_ONLY).asEphemeral(true));
            return;
        }
        CompletableFuture<Void> ack = r.deferUpdate();
        String who = i.displayName();
        execute(i, r, ack, () -> {
            String confirmation;
            if (id.verb().equals(CardRenderer.OVERRIDE)) {
                confirmation = desk.overrideToBook(id.subject(), who);
            } else {
                Optional<LeadState.Status> status = LeadState.Status.parse(id.argument());
                if (status.isEmpty()) {
                    return;
                }
                confirmation = desk.setStatus(id.subject(), status.get(), who);
            }
            send(ack.thenCompose(v -> r.followup(ProspectRenderer.note(confirmation).asEphemeral(true))), i);
        });
    }

    /** A new conversation, or the offer to continue / start over one that is stored. */
    private MessageSpec start(Interaction i, Optional<String> diagnostic) {
        ProspectId prospect = DiscordProspects.of(i.userId());
        Optional<ConversationSnapshot> stored = conversations.find(prospect);
        if (stored.isPresent() && stored.get().phase() != Phase.CANCELLED && diagnostic.isEmpty()) {
            return renderer.resumeOffer(stored.get(), i.userId());
        }
        if (!allowedNewTriage(i.userId(), stored)) {
            return ProspectRenderer.note(DAILY_LIMIT.formatted(allowance.perDay())).asEphemeral(true);
        }
        View view = conversations.handle(prospect, new Command.Start(diagnostic.orElse(null), i.displayName()));
        return render(view, i.userId());
    }

    /** A start that makes a new triage (nothing stored, or the stored one ended) counts against the day's allowance. */
    private boolean allowedNewTriage(long userId, Optional<ConversationSnapshot> stored) {
        boolean newTriage = stored.isEmpty() || stored.get().phase() == Phase.DECIDED
                || stored.get().phase() == Phase.CANCELLED;
        return allowance == null || !newTriage || allowance.tryStart(userId);
    }

    private MessageSpec render(View view, long userId) {
        View shown = view instanceof View.NoticeView n ? n.current() : view;
        if (shown instanceof View.QuestionView q) {
            lastQuestions.put(userId, q);
        }
        return renderer.render(view, userId);
    }

    /**
     * Runs the work on the executor while the acknowledgement travels, then edits the original response with its
     * result once the acknowledgement is through.
     */
    private void later(Interaction i, Responder r, CompletableFuture<Void> ack, Supplier<MessageSpec> work) {
        execute(i, r, ack, () -> {
            MessageSpec result = work.get();
            send(ack.thenCompose(v -> r.editOriginal(result)), i);
        });
    }

    /**
     * Runs {@code work} once the acknowledgement went through, never before: an interaction Discord did not accept
     * (10062 after a RESUME replayed an old click, or any failure) showed the prospect "This interaction failed", so
     * it must change nothing; their next action shows the true state.
     */
    private void execute(Interaction i, Responder r, CompletableFuture<Void> ack, Runnable work) {
        ack.whenComplete((acknowledged, failure) -> {
            if (failure != null) {
                log.info("an interaction was not acknowledged ({}): nothing changed", DiscordFailure.of(failure));
                return;
            }
            try {
                queue.execute(i.userId(), () -> {
                    try {
                        if (!receipts.firstTime(i.id())) {
                            log.debug("not applying {}: already taken on by this or another instance", i);
                            return;
                        }
                        work.run();
                    } catch (RuntimeException e) {
                        log.error("handling an interaction failed: {}", e.getClass().getSimpleName());
                        send(r.editOriginal(
                                ProspectRenderer.note("Something went wrong on our side. Use /triage to continue.")), null);
                    }
                });
            } catch (RejectedExecutionException e) {
                send(r.followup(ProspectRenderer.note(BUSY).asEphemeral(true)), null);
            }
        });
    }

    private static void send(CompletableFuture<?> future, Interaction i) {
        future.whenComplete((ok, t) -> {
            if (t == null) {
                return;
            }
            DiscordFailure f = DiscordFailure.of(t);
            if (f.interactionExpired()) {
                log.info("an interaction token expired before the answer was shown; the prospect can resume with /triage");
            } else {
                log.warn("could not answer {}: {}", i == null ? "an interaction" : i, f);
            }
        });
    }
}
