package com.discoverytriage.diagnostic;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Which conversation files the application reads.
 *
 * @param conversationsDir a directory of diagnostic files and routing.yaml ({@code triage.conversations-dir}),
 *                         relative to the working directory unless absolute; unset: the set built into the jar
 */
@Validated
@ConfigurationProperties(prefix = "triage")
public record TriageFilesProperties(String conversationsDir) {

    public TriageFilesProperties {
        if (conversationsDir != null && conversationsDir.isBlank()) {
            throw new IllegalArgumentException("triage.conversations-dir (conversationsDir) is blank: name a "
                    + "directory of conversation files, or leave it unset to use the set built into the jar");
        }
    }

    /** The configured directory, or the built-in set. */
    public ConversationFiles files() {
        return ConversationFiles.configured(conversationsDir);
    }
}
