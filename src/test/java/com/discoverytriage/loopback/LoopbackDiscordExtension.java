package com.discoverytriage.loopback;

import com.discoverytriage.loopback.contract.DiscordContract;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
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
        List<String> problems = new ArrayList<>();
        try {
            discord.close();
            InteractionTimings timings = discord.interactionTimings();
            if (!timings.all().isEmpty()) {
                System.out.println("[loopback] " + context.getDisplayName() + ": " + timings.report());
            }
            if (discord.deadlineCheckedAfterTest()) {
                timings.slowerThan(LoopbackDiscord.INTERACTION_DEADLINE).forEach(t -> problems.add(
                        "interaction " + Long.toUnsignedString(t.interactionId()) + " answered after "
                                + t.dispatchToCallback().orElseThrow().toMillis() + " ms (deadline 3000 ms)"));
                timings.unanswered().forEach(id -> problems.add(
                        "interaction " + Long.toUnsignedString(id) + " was never answered"));
            }
            if (discord.contractCheckedAfterTest()) {
                DiscordContract.load().ifPresent(contract -> problems.addAll(contract.violations(discord)));
            }
        } finally {
            JavacordLoopback.resetGateway();
        }
        if (!problems.isEmpty() && context.getExecutionException().isEmpty()) {
            throw new AssertionError("Loopback Discord checks failed:\n  " + String.join("\n  ", problems));
        }
    }
}
