package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.render.MessageSpec;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code triage.interactions} (by kind and result) and {@code triage.interaction.acknowledgement} (dispatch to the
 * acknowledgement's answer, a histogram): measured by wrapping the {@link Responder} of each interaction, so the
 * handling code is unchanged. Tags carry the kind and the result only, never a user or a custom id.
 */
final class InteractionMetrics {

    private final MeterRegistry registry;

    InteractionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Spring Boot binds its registries to the global one; without Spring nothing is recorded. */
    static InteractionMetrics global() {
        return new InteractionMetrics(Metrics.globalRegistry);
    }

    Responder observe(Interaction i, Responder r) {
        long dispatched = System.nanoTime();
        String kind = i.kind().name().toLowerCase(Locale.ROOT).replace("_command", "").replace('_', '-');
        AtomicBoolean first = new AtomicBoolean(true);
        return new Responder() {
            private CompletableFuture<Void> ack(CompletableFuture<Void> answer) {
                if (first.compareAndSet(true, false)) {
                    answer.whenComplete((ok, t) -> {
                        String result = t == null ? "acknowledged" : DiscordFailure.of(t).interactionExpired()
                                ? "expired" : "failed";
                        Counter.builder("triage.interactions").description("Interactions received, by kind and result")
                                .tag("kind", kind).tag("result", result).register(registry).increment();
                        Timer.builder("triage.interaction.acknowledgement")
                                .description("From the interaction's dispatch to Discord's answer to the acknowledgement")
                                .tag("kind", kind).publishPercentileHistogram()
                                .register(registry).record(System.nanoTime() - dispatched, TimeUnit.NANOSECONDS);
                    });
                }
                return answer;
            }

            @Override
            public CompletableFuture<Void> deferUpdate() {
                return ack(r.deferUpdate());
            }

            @Override
            public CompletableFuture<Void> deferReply(boolean ephemeral) {
                return ack(r.deferReply(ephemeral));
            }

            @Override
            public CompletableFuture<Void> reply(MessageSpec spec) {
                return ack(r.reply(spec));
            }

            @Override
            public CompletableFuture<Void> modal(MessageSpec.Modal modal) {
                return ack(r.modal(modal));
            }

            @Override
            public CompletableFuture<Void> editOriginal(MessageSpec spec) {
                return r.editOriginal(spec);
            }

            @Override
            public CompletableFuture<Void> editOriginalWithFile(MessageSpec spec, String fileName, byte[] content) {
                return r.editOriginalWithFile(spec, fileName, content);
            }

            @Override
            public CompletableFuture<Void> followup(MessageSpec spec) {
                return r.followup(spec);
            }

            @Override
            public CompletableFuture<Void> postInChannel(MessageSpec spec) {
                return r.postInChannel(spec);
            }
        };
    }
}
