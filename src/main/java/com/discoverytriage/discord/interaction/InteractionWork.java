package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.DiscordFailure;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way from an acknowledged interaction to its work, for every kind: the work waits for the
 * acknowledgement (an interaction Discord did not accept changes nothing), takes its place in the person's share of
 * the worker queue, and runs only for the first delivery of the interaction anywhere ({@link InteractionReceipts}:
 * recorded in the database, so a repeat delivered to this or another instance is answered and not applied).
 */
final class InteractionWork {

    private static final Logger log = LoggerFactory.getLogger(InteractionWork.class);

    private final PerPersonQueue queue;
    private final InteractionReceipts receipts;

    InteractionWork(Executor executor, int queuedPerPerson, InteractionReceipts receipts) {
        this.queue = new PerPersonQueue(executor, queuedPerPerson);
        this.receipts = receipts;
    }

    /**
     * @param deliveryId the interaction's id (a DM: the message's id; snowflakes never repeat across kinds), 0: none
     * @param busy       when the person's share of the queue, or the queue, is full
     * @param failed     when the work threw
     */
    void afterAcknowledgement(long deliveryId, long person, CompletableFuture<Void> ack, Runnable work, Runnable busy,
            Consumer<RuntimeException> failed) {
        ack.whenComplete((acknowledged, failure) -> {
            if (failure != null) {
                log.info("an interaction was not acknowledged ({}): nothing changed", DiscordFailure.of(failure));
                return;
            }
            try {
                queue.execute(person, () -> {
                    try {
                        if (!receipts.firstTime(deliveryId)) {
                            log.debug("not applying #{}: already taken on by this or another instance",
                                    Long.toUnsignedString(deliveryId));
                            return;
                        }
                        work.run();
                    } catch (RuntimeException e) {
                        failed.accept(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                busy.run();
            }
        });
    }
}
