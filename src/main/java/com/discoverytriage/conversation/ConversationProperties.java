package com.discoverytriage.conversation;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the conversation engine ({@code triage.conversation.*}).
 *
 * @param machinePoolSize how many state machines serve every prospect (0: one per available processor)
 * @param lockStripes     how many locks serialise prospects' commands in this process (a power of two)
 */
@Validated
@ConfigurationProperties("triage.conversation")
public record ConversationProperties(@Min(0) @Max(256) int machinePoolSize, @Min(1) @Max(65536) int lockStripes) {

    public static final int DEFAULT_LOCK_STRIPES = 1024;

    public ConversationProperties {
        if (machinePoolSize == 0) {
            machinePoolSize = Math.max(2, Runtime.getRuntime().availableProcessors());
        }
        if (lockStripes == 0) {
            lockStripes = DEFAULT_LOCK_STRIPES;
        }
        if (Integer.bitCount(lockStripes) != 1) {
            throw new IllegalArgumentException("triage.conversation.lock-stripes must be a power of two (e.g. 1024), got "
                    + lockStripes);
        }
    }

    public static ConversationProperties defaults() {
        return new ConversationProperties(0, 0);
    }
}
