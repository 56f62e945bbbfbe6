package com.discoverytriage.discord;

import com.discoverytriage.discord.card.SummaryChannelCheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

@DisplayName("The adapter's log safety, invite and channel check")
class AdapterSafetyTest {

    @Test
    @DisplayName("libraries that could log tokens or payloads stay at INFO or above in application.yml")
    @SuppressWarnings("unchecked")
    void logLevels() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/application.yml")) {
            Map<String, Object> yml = new Yaml().load(in);
            Map<String, Object> levels = (Map<String, Object>) ((Map<String, Object>) yml.get("logging")).get("level");
            for (String logger : new String[] {"org.javacord", "okhttp3", "org.springframework.statemachine",
                    "org.springframework.jdbc.core.StatementCreatorUtils"}) {
                assertThat(String.valueOf(levels.get(logger))).as(logger).isIn("INFO", "WARN", "ERROR", "OFF");
            }
        }
    }

    @Test
    @DisplayName("the invite asks for exactly View Channel, Send Messages, Embed Links and Read Message History")
    void invite() {
        assertThat(BotInvite.PERMISSIONS).isEqualTo(84992L);
        assertThat(BotInvite.url(1L)).contains("permissions=84992").contains("scope=bot%20applications.commands");
    }

    @Test
    @DisplayName("the summary channel check names what to fix")
    void channelCheck() {
        assertThat(SummaryChannelCheck.problems(5, 1, new SummaryChannelCheck.Facts(true, true, true, true, true, false))).isEmpty();
        assertThat(SummaryChannelCheck.problems(5, 1, new SummaryChannelCheck.Facts(true, true, true, false, false, true)))
                .anySatisfy(p -> assertThat(p).contains("Send Messages"))
                .anySatisfy(p -> assertThat(p).contains("Embed Links"))
                .anySatisfy(p -> assertThat(p).contains("@everyone can view"));
        assertThat(SummaryChannelCheck.problems(5, 1, new SummaryChannelCheck.Facts(false, false, false, false, false, false)))
                .singleElement().asString().contains("does not exist");
    }
}
