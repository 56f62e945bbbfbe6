package com.discoverytriage.discord;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a failed bot start into one clear message instead of a stack trace. */
public class BotStartupFailureAnalyzer extends AbstractFailureAnalyzer<BotStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BotStartupException cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
