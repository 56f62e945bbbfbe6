package com.discoverytriage.scenarios;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.loopback.LoopbackDiscord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the scenarios: the whole application (real Discord adapter, Javacord, H2 file database in a temporary
 * directory) bound to the shared loopback Discord, which starts before the context. Every subclass has the same
 * configuration, so Spring builds the context once for all of them.
 */
@Tag("loopback")
@SpringBootTest(classes = DiscoveryTriageApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@Import(LoopbackWiring.class)
// the real Prometheus registry (Spring Boot tests use a simple one otherwise), for the operations scenario
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@ExtendWith(InteractionDeadline.class)
abstract class ScenarioHarness {

    protected static final LoopbackDiscord DISCORD = SharedLoopback.DISCORD;

    @DynamicPropertySource
    static void loopbackProperties(DynamicPropertyRegistry registry) {
        SharedLoopback.register(DISCORD, SharedLoopback.DATA_DIRECTORY, (k, v) -> registry.add(k, () -> v));
    }

    @org.springframework.beans.factory.annotation.Autowired
    private com.discoverytriage.diagnostic.DiagnosticCatalog diagnostics;

    /**
     * The number of questions of the technology diagnostic as loaded from {@code conversations/}, so that a rule
     * edit that adds or removes a question does not break scenarios about something else.
     */
    protected int technologyQuestions() {
        return diagnostics.require("technology-leadership").questions().size();
    }

    /** A prospect new to the bot, in the guild's public channel (or in a DM with the bot). */
    protected static Prospect newProspect(String name, boolean inDm) {
        return new Prospect(DISCORD, DISCORD.addUser(name), inDm);
    }
}
