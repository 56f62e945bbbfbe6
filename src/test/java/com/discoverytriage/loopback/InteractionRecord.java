package com.discoverytriage.loopback;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the stand-in knows about one dispatched interaction. */
final class InteractionRecord {

    final LoopbackInteraction interaction;
    final long channelId;
    final Long guildId;
    final Long componentMessageId;
    volatile long dispatchNanos = -1;
    volatile long firstCallbackNanos = -1;
    volatile boolean acknowledged;
    volatile int callbackType = -1;
    volatile Long originalMessageId;
    volatile boolean tokenExpired;
    final List<Long> followupMessageIds = new CopyOnWriteArrayList<>();

    InteractionRecord(LoopbackInteraction interaction, long channelId, Long guildId, Long componentMessageId) {
        this.interaction = interaction;
        this.channelId = channelId;
        this.guildId = guildId;
        this.componentMessageId = componentMessageId;
    }

    ObjectNode payload() {
        return interaction.payload();
    }
}
