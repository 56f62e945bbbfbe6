package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordProperties;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.render.ProspectRenderer;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.lifecycle.ForgetService;
import com.discoverytriage.stats.TriageStatistics;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One bean per interaction kind (see {@link InteractionHandler}), and the dispatcher that collects them. A new
 * command or button family is a new handler bean here; nothing else changes. Under the same condition as the rest
 * of the Discord adapter.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "triage.discord", name = "enabled", havingValue = "true", matchIfMissing = true)
public class InteractionConfiguration {

    private static Clock clock(ObjectProvider<Clock> clock) {
        return clock.getIfAvailable(Clock::systemUTC);
    }

    @Bean
    ProspectRenderer prospectRenderer(CustomIds ids) {
        return new ProspectRenderer(ids);
    }

    @Bean
    ProspectFlow prospectFlow(ConversationService conversations, ProspectRenderer renderer, JdbcTemplate jdbc,
            ObjectProvider<Clock> clock, LimitProperties limits) {
        return new ProspectFlow(conversations, renderer, new TriageAllowance(jdbc, clock(clock), limits.triagesPerDay()));
    }

    /** Interaction ids are recorded in the database: a repeat delivered to another instance is not applied twice. */
    @Bean
    InteractionWork interactionWork(ThreadPoolExecutor discordWorkers, LimitProperties limits, JdbcTemplate jdbc,
            ObjectProvider<Clock> clock) {
        return new InteractionWork(discordWorkers, limits.queuedPerPerson(), new InteractionReceipts(jdbc, clock(clock)));
    }

    @Bean
    DataRights dataRights(ConversationService conversations, CustomIds ids) {
        return new DataRights(conversations, ids);
    }

    @Bean
    TriageCommand triageCommand(ProspectFlow flow) {
        return new TriageCommand(flow);
    }

    @Bean
    PanelCommand panelCommand(ProspectRenderer renderer) {
        return new PanelCommand(renderer);
    }

    @Bean
    ForgetCommand forgetCommand(DataRights rights) {
        return new ForgetCommand(rights);
    }

    @Bean
    ExportCommand exportCommand(TriageExport export, ObjectProvider<Clock> clock) {
        return new ExportCommand(export, clock(clock), DataRights.MAX_ATTACHMENT_BYTES);
    }

    @Bean
    StatsCommand statsCommand(TriageStatistics statistics, DiagnosticCatalog catalog, ObjectProvider<Clock> clock) {
        return new StatsCommand(statistics, catalog, clock(clock));
    }

    @Bean
    PanelButton panelButton(ProspectFlow flow) {
        return new PanelButton(flow);
    }

    @Bean
    TriageButtons triageButtons(ProspectFlow flow, ConsultantDesk desk) {
        return new TriageButtons(flow, desk);
    }

    @Bean
    AnswerForm answerForm(ProspectFlow flow) {
        return new AnswerForm(flow);
    }

    @Bean
    CardButtons cardButtons(ConsultantDesk desk) {
        return new CardButtons(desk);
    }

    @Bean
    ForgetConfirmation forgetConfirmation(DataRights rights, ForgetService forget) {
        return new ForgetConfirmation(rights, forget);
    }

    /** Every interaction, whether it came over the gateway or the HTTP endpoint, goes through this one dispatcher. */
    @Bean
    TriageInteractions triageInteractions(List<InteractionHandler> handlers, InteractionWork work,
            DiscordProperties properties, CustomIds ids, ProspectFlow flow) {
        return new TriageInteractions(handlers, work, ServerPolicy.of(properties), ids, flow);
    }
}
