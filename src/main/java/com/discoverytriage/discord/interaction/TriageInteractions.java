package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.MessageSpec;
import com.discoverytriage.discord.render.ProspectRenderer;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher: every interaction, whether it came over the gateway or the HTTP endpoint, and every DM goes
 * through here. It drops a repeat this process has seen, refuses servers the bot does not serve, decodes and
 * verifies the custom id, and hands the interaction to the one {@link InteractionHandler} that claims its command or
 * custom-id family. The work of every kind then runs through one {@link InteractionWork}: after the
 * acknowledgement, on the workers, once per interaction id across all instances.
 */
public class TriageInteractions {

    static final String EXPIRED = "This button is no longer valid. Use /triage to continue your fit check.";
    static final String BUSY = "Busy right now: please click again in a moment.";
    static final String CONSULTANTS_ONLY = "Only the consultant can use these buttons.";
    public static final String UNAVAILABLE = "This command is not available right now.";

    private static final Logger log = LoggerFactory.getLogger(TriageInteractions.class);

    private final Map<InteractionHandler.Claim, InteractionHandler> handlers;
    private final InteractionWork work;
    private final ServerPolicy policy;
    private final CustomIds ids;
    private final ProspectFlow flow;
    private final BoundedLru<Long, Boolean> seen = new BoundedLru<>(10_000);
    private final InteractionMetrics metrics = InteractionMetrics.global();

    /** @throws IllegalStateException when two handlers claim the same command or custom-id family */
    TriageInteractions(Collection<? extends InteractionHandler> handlers, InteractionWork work, ServerPolicy policy,
            CustomIds ids, ProspectFlow flow) {
        this.handlers = byClaim(handlers);
        this.work = work;
        this.policy = policy;
        this.ids = ids;
        this.flow = flow;
    }

    static Map<InteractionHandler.Claim, InteractionHandler> byClaim(Collection<? extends InteractionHandler> handlers) {
        Map<InteractionHandler.Claim, InteractionHandler> byClaim = new HashMap<>();
        for (InteractionHandler handler : handlers) {
            InteractionHandler earlier = byClaim.putIfAbsent(handler.claim(), handler);
            if (earlier != null) {
                throw new IllegalStateException("two interaction handlers claim " + handler.claim() + ": "
                        + earlier.getClass().getName() + " and " + handler.getClass().getName()
                        + ". Each command and custom-id family has exactly one handler: remove or change one of them.");
            }
        }
        return Map.copyOf(byClaim);
    }

    /** What the handlers claim, for the start-up log and tests. */
    List<InteractionHandler.Claim> claims() {
        return List.copyOf(handlers.keySet());
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
        CustomId id = null;
        InteractionHandler.Claim claim;
        if (i.kind() == Interaction.Kind.BUTTON || i.kind() == Interaction.Kind.MODAL) {
            Optional<CustomId> decoded = ids.decode(i.customId());
            if (decoded.isEmpty()) {
                r.reply(ProspectRenderer.note(EXPIRED).asEphemeral(true));
                return true;
            }
            id = decoded.get();
            claim = InteractionHandler.Claim.customId(id.kind());
        } else {
            claim = InteractionHandler.Claim.command(i.kind());
        }
        InteractionHandler handler = handlers.get(claim);
        if (handler == null) {
            r.reply(ProspectRenderer.note(id == null ? UNAVAILABLE : EXPIRED).asEphemeral(true));
            return true;
        }
        handler.handle(new InteractionContext(i, id, r, work, handler.failureNote()));
        return true;
    }

    /**
     * A prospect wrote to the bot in a DM: the same flow, in normal DM messages with buttons. The message's content
     * is never read (no MESSAGE_CONTENT intent needed). The message's id is its receipt, as an interaction's id is.
     */
    public void directMessage(long messageId, long userId, String displayName,
            Function<MessageSpec, CompletableFuture<Void>> reply) {
        Interaction i = new Interaction(messageId, Interaction.Kind.TRIAGE_COMMAND, userId, displayName, null, null,
                null, 0, false);
        work.afterAcknowledgement(messageId, userId, CompletableFuture.completedFuture(null),
                () -> flow.directMessage(i).ifPresentOrElse(answer -> send(reply.apply(answer)),
                        () -> log.debug("a DM was not answered: the prospect got an answer a moment ago")),
                () -> log.warn("busy: a DM was not answered"),
                e -> log.error("answering a DM failed: {}", e.getClass().getSimpleName()));
    }

    private static void send(CompletableFuture<?> future) {
        future.whenComplete((ok, t) -> {
            if (t != null) {
                log.warn("could not answer a DM: {}", com.discoverytriage.discord.DiscordFailure.of(t));
            }
        });
    }
}
