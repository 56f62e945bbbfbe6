package com.discoverytriage.conversation;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;
import org.springframework.statemachine.StateMachine;

/**
 * A fixed number of conversation machines, built and started once at start-up and lent out for one event at a time.
 * A machine retains about 27 KB whatever the diagnostics' size (measured with {@code MachineFootprint}), a prospect's
 * stored context under 1 KB: so no prospect ever owns a machine.
 */
final class MachinePool {

    private final BlockingQueue<StateMachine<String, ConversationEvents>> idle;
    private final int size;

    MachinePool(int size, Supplier<StateMachine<String, ConversationEvents>> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("the machine pool needs at least one machine");
        }
        this.size = size;
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            idle.add(factory.get());
        }
    }

    StateMachine<String, ConversationEvents> acquire() {
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a conversation machine", e);
        }
    }

    void release(StateMachine<String, ConversationEvents> machine) {
        if (!idle.offer(machine)) {
            throw new IllegalStateException("a machine was released twice");
        }
    }

    /** How many machines exist: fixed, whatever the number of prospects. */
    int size() {
        return size;
    }

    int idle() {
        return idle.size();
    }
}
