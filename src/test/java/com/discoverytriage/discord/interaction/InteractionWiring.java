package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.stats.TriageStatistics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * The adapter's interaction handling wired by hand for tests, as {@link InteractionConfiguration} wires it: every
 * handler that needs no more than the conversation service and the consultant's desk, plus the data-rights and
 * statistics handlers when asked for.
 */
public final class InteractionWiring {

    private final ConversationService conversations;
    private final CustomIds ids;
    private final ConsultantDesk desk;
    private final Executor executor;
    private final ServerPolicy policy;
    private final List<InteractionHandler> extra = new ArrayList<>();
    private InteractionReceipts receipts = InteractionReceipts.NONE;
    private TriageAllowance allowance;
    private int queuedPerPerson = Integer.MAX_VALUE;

    private InteractionWiring(ConversationService conversations, CustomIds ids, ConsultantDesk desk, Executor executor,
            ServerPolicy policy) {
        this.conversations = conversations;
        this.ids = ids;
        this.desk = desk;
        this.executor = executor;
        this.policy = policy;
    }

    public static InteractionWiring of(ConversationService conversations, CustomIds ids, ConsultantDesk desk,
            Executor executor, ServerPolicy policy) {
        return new InteractionWiring(conversations, ids, desk, executor, policy);
    }

    /** Adds {@code /triage-forget}, its confirmation and {@code /triage-export}. */
    public InteractionWiring dataRights(ForgetService forget, TriageExport export, Clock clock, int maxAttachmentBytes) {
        DataRights rights = new DataRights(conversations, ids);
        extra.add(new ForgetCommand(rights));
        extra.add(new ForgetConfirmation(rights, forget));
        extra.add(new ExportCommand(export, clock, maxAttachmentBytes));
        return this;
    }

    /** Adds {@code /triage-stats}. */
    public InteractionWiring stats(TriageStatistics statistics, DiagnosticCatalog catalog, Clock clock) {
        extra.add(new StatsCommand(statistics, catalog, clock));
        return this;
    }

    public InteractionWiring receipts(InteractionReceipts receipts) {
        this.receipts = receipts;
        return this;
    }

    public InteractionWiring allowance(TriageAllowance allowance) {
        this.allowance = allowance;
        return this;
    }

    public InteractionWiring queuedPerPerson(int queuedPerPerson) {
        this.queuedPerPerson = queuedPerPerson;
        return this;
    }

    public TriageInteractions build() {
        ProspectRenderer renderer = new ProspectRenderer(ids);
        ProspectFlow flow = new ProspectFlow(conversations, renderer, allowance);
        List<InteractionHandler> handlers = new ArrayList<>(List.of(new TriageCommand(flow), new PanelCommand(renderer),
                new PanelButton(flow), new TriageButtons(flow, desk), new AnswerForm(flow), new CardButtons(desk)));
        handlers.addAll(extra);
        return new TriageInteractions(handlers, new InteractionWork(executor, queuedPerPerson, receipts), policy, ids,
                flow);
    }
}
