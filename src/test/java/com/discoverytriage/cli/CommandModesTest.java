package com.discoverytriage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.discord.gateway.DiscordBot;
import com.discoverytriage.lifecycle.LifecycleRunner;
import com.discoverytriage.webhook.BookingWebhookController;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The commands that need the database (console, rescore, forget, export) start only what they use. */
@DisplayName("Command modes start nothing they do not need")
class CommandModesTest {

    @TempDir
    Path data;

    @Test
    @DisplayName("the commands' application has no web server, no web endpoint, no Discord bot and no scheduler")
    void onlyWhatTheCommandUses() {
        Thread[] before = threads();
        try (ConfigurableApplicationContext context = SpringCommands.start(List.of(
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("triage").toAbsolutePath()))) {
            assertThat(context).isNotInstanceOf(WebServerApplicationContext.class);
            assertThat(context.getBeanNamesForType(BookingWebhookController.class)).as("web endpoints").isEmpty();
            assertThat(context.getBeanNamesForType(DiscordBot.class)).as("Discord").isEmpty();
            assertThat(context.getBeanNamesForType(LifecycleRunner.class)).as("reminder scheduler").isEmpty();

            List<String> started = java.util.Arrays.stream(threads()).filter(t -> !List.of(before).contains(t))
                    .map(Thread::getName).toList();
            assertThat(started).as("threads the command started").noneMatch(name -> name.contains("tomcat")
                    || name.contains("http-nio") || name.contains("discord") || name.contains("card-delivery")
                    || name.contains("lifecycle") || name.contains("Javacord"));
        }
    }

    private static Thread[] threads() {
        return Thread.getAllStackTraces().keySet().toArray(Thread[]::new);
    }
}
