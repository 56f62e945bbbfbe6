package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.discord.DiscordConfiguration.DiscordApiCustomiser;
import com.discoverytriage.discord.http.DiscordHttpCustomiser;
import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackDiscordExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The application stopped and started again mid-triage over the same database (and the same Discord): two
 * application contexts one after the other, each with its own Javacord client.
 */
@Tag("loopback")
@ExtendWith(LoopbackDiscordExtension.class)
@DisplayName("Scenario: the application restarted mid-triage against the same database")
class RestartScenarioTest {

    @TempDir
    Path data;

    private ConfigurableApplicationContext start(LoopbackDiscord discord) {
        String[] arguments = SharedLoopback.properties(discord, data).entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(DiscoveryTriageApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(c -> {
                    GenericApplicationContext generic = (GenericApplicationContext) c;
                    generic.registerBean("loopbackJavacord", DiscordApiCustomiser.class,
                            () -> builder -> SharedLoopback.pointAt(discord, builder));
                    generic.registerBean("loopbackCallbacks", DiscordHttpCustomiser.class,
                            () -> builder -> SharedLoopback.pointAt(discord, builder));
                })
                .run(arguments);
        discord.onClose(context::close);
        return context;
    }

    @Test
    @DisplayName("stopped at question 5 and started again: the prospect's next click goes on; one card, edited")
    void restartMidTriage(LoopbackDiscord discord) {
        // given a prospect halfway through with the first application
        ConfigurableApplicationContext first = start(discord);
        Prospect prospect = new Prospect(discord, discord.addUser("across-restart"), false);
        prospect.startTechnologyTriage();
        prospect.click("No");
        String where = prospect.title();
        Cards cards = new Cards(discord);
        cards.awaitText(prospect.user, "In progress: question 5");

        // when the application stops and a new one starts over the same database
        first.close();
        int connections = discord.gatewayConnections();
        start(discord);
        assertThat(discord.gatewayConnections()).isGreaterThan(connections);

        // then the prospect's view still works: they finish where they were
        assertThat(prospect.title()).isEqualTo(where);
        prospect.answerAllThenSeeResult("Yes");
        assertThat(prospect.link("Book your strategy call")).isPresent();
        cards.awaitText(prospect.user, "Decided: book the call");
        assertThat(cards.posts(prospect.user)).hasSize(1);
        assertThat(cards.edits(prospect.user)).isNotEmpty();
    }
}
