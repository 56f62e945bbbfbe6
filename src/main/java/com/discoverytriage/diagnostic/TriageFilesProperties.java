package com.discoverytriage.diagnostic;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the conversation files live.
 *
 * @param conversationsDir the directory of diagnostic files and routing.yaml ({@code triage.conversations-dir}),
 *                         relative to the working directory unless absolute
 */
@Validated
@ConfigurationProperties(prefix = "triage")
public record TriageFilesProperties(@DefaultValue("conversations") @NotBlank String conversationsDir) {
}
