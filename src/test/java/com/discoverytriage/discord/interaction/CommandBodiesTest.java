package com.discoverytriage.discord.interaction;

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
        assertThat(panel.path("contexts")).extracting(JsonNode::asInt).as("servers only").containsExactly(0);
    }

    @Test
    @DisplayName("/triage-forget is open to everyone (its user option is checked at run time); /triage-export is for Manage Server")
    void dataRightsCommands() {
        ArrayNode body = CommandBodies.of(new CommandDefinitions(List.of(new CommandDefinitions.Choice("P", "p"))));
        JsonNode forget = body.get(2);
        assertThat(forget.path("name").asText()).isEqualTo("triage-forget");
        assertThat(forget.has("default_member_permissions")).isFalse();
        assertThat(forget.path("options").path(0).path("type").asInt()).as("a user option").isEqualTo(6);
        assertThat(forget.path("options").path(0).path("required").asBoolean(true)).isFalse();
        JsonNode export = body.get(3);
        assertThat(export.path("name").asText()).isEqualTo("triage-export");
        assertThat(export.path("default_member_permissions").asLong()).isEqualTo(32L);
        assertThat(export.path("options")).extracting(o -> o.path("name").asText()).containsExactly("since", "until");
    }

    @Test
    @DisplayName("adding the commands changed the definitions' hash, so they are registered again once")
    void hashChanged() throws Exception {
        CommandDefinitions definitions = new CommandDefinitions(List.of(new CommandDefinitions.Choice("P", "p")));
        // the hash stored by the version with /triage and /triage-panel only
        String before = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest("v1|triage|diagnostic|triage-panel|manage-server|P=p".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(definitions.hash()).isNotEqualTo(before)
                .isEqualTo(new CommandDefinitions(List.of(new CommandDefinitions.Choice("P", "p"))).hash());
    }
}
