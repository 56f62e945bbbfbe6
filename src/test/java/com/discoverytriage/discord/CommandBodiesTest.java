package com.discoverytriage.discord;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The slash-command bulk overwrite body")
class CommandBodiesTest {

    @Test
    @DisplayName("/triage offers the diagnostics; /triage-panel is for Manage Server only (an integer, as the contract asks)")
    void commands() {
        // given two diagnostics
        CommandDefinitions definitions = new CommandDefinitions(List.of(
                new CommandDefinitions.Choice("Product leadership", "product-leadership"),
                new CommandDefinitions.Choice("Technology leadership", "technology-leadership")));

        // when the body is built
        ArrayNode body = CommandBodies.of(definitions);

        // then
        JsonNode triage = body.get(0);
        assertThat(triage.path("name").asText()).isEqualTo("triage");
        assertThat(triage.path("options").path(0).path("choices")).extracting(c -> c.path("value").asText())
                .containsExactly("product-leadership", "technology-leadership");
        JsonNode panel = body.get(1);
        assertThat(panel.path("name").asText()).isEqualTo("triage-panel");
        assertThat(panel.path("default_member_permissions").isIntegralNumber()).isTrue();
        assertThat(panel.path("default_member_permissions").asLong()).isEqualTo(32L);
        assertThat(panel.path("dm_permission").asBoolean(true)).isFalse();
    }
}
