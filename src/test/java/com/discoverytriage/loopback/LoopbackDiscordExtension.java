package com.discoverytriage.loopback;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;

/**
 * Gives each test a started {@link LoopbackDiscord} (as a parameter) and, after the test: checks every recorded
 * request against Discord's contract (when {@code openapi.json} is present), fails on an interaction answered
 * later than 3 s or never, prints the dispatch-to-callback report, stops the stand-in and resets Javacord's static
 * gateway URL.
 */
public final class LoopbackDiscordExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LoopbackDiscordExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put(LoopbackDiscord.class, new LoopbackDiscord().start());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == LoopbackDiscord.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return extension.getStore(NAMESPACE).get(LoopbackDiscord.class, LoopbackDiscord.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        LoopbackDiscord discord = context.getStore(NAMESPACE).remove(LoopbackDiscord.class, LoopbackDiscord.class);
        if (discord == null) {
            return;
        }
        List<String> problems;
        try {
            discord.close();
            InteractionTimings timings = discord.interactionTimings();
            if (!timings.all().isEmpty()) {
                System.out.println("[loopback] " + context.getDisplayName() + ": " + timings.report());
            }
            problems = discord.afterTestProblems();
        } finally {
            JavacordLoopback.resetGateway();
        }
        if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("Loopback Discord checks failed:\n  " + String.join("\n  ", problems));
        }
    }
}
