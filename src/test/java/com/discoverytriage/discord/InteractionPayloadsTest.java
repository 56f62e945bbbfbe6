package com.discoverytriage.discord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Discord's Interaction Object ("Interactions > Receiving and Responding > Interaction Object") to
 * {@link Interaction}: in a server the user is {@code member.user} and {@code member.permissions} are the member's
 * computed permissions; in a DM the user is {@code user}. Modal values sit in action rows (or, in newer modals, in
 * labels holding one component).
 */
@DisplayName("Interaction JSON to the adapter's interaction")
class InteractionPayloadsTest {

    private static InteractionPayloads.Received parse(String json, long role) {
        return InteractionPayloads.parse(json.getBytes(StandardCharsets.UTF_8), role);
    }

    @Test
    @DisplayName("/triage in a server: command kind, diagnostic option, nickname first, not a consultant")
    void slashCommandInGuild() {
        var r = parse("""
                {"id":"11","application_id":"22","type":2,"token":"tok","guild_id":"33","channel_id":"44",
                 "member":{"nick":"Ada N","permissions":"3072","roles":["55"],
                           "user":{"id":"66","username":"ada","global_name":"Ada"}},
                 "data":{"id":"1","name":"triage","type":1,"options":[{"name":"diagnostic","type":3,"value":"product-leadership"}]}}""", 0);
        Interaction i = r.interaction().orElseThrow();

        assertThat(r.applicationId()).isEqualTo(22);
        assertThat(r.token()).isEqualTo("tok");
        assertThat(i.kind()).isEqualTo(Interaction.Kind.TRIAGE_COMMAND);
        assertThat(i.id()).isEqualTo(11);
        assertThat(i.userId()).isEqualTo(66);
        assertThat(i.option()).isEqualTo("product-leadership");
        assertThat(i.displayName()).isEqualTo("Ada N");
        assertThat(i.inGuild()).isTrue();
        assertThat(i.consultant()).isFalse();
    }

    @Test
    @DisplayName("consultant: Manage Server (1<<5) or Administrator (1<<3) in member.permissions, or the consultant role")
    void consultantFromPermissionsOrRole() {
        String template = """
                {"id":"11","application_id":"22","type":2,"token":"t","guild_id":"33",
                 "member":{"permissions":"%s","roles":["77"],"user":{"id":"66","username":"ada"}},
                 "data":{"name":"triage-panel"}}""";
        assertThat(parse(template.formatted("32"), 0).interaction().orElseThrow().consultant()).isTrue();
        assertThat(parse(template.formatted("8"), 0).interaction().orElseThrow().consultant()).isTrue();
        assertThat(parse(template.formatted("1024"), 77).interaction().orElseThrow().consultant()).isTrue();
        assertThat(parse(template.formatted("1024"), 0).interaction().orElseThrow().consultant()).isFalse();
        assertThat(parse(template.formatted("1024"), 0).interaction().orElseThrow().kind())
                .isEqualTo(Interaction.Kind.PANEL_COMMAND);
    }

    @Test
    @DisplayName("/triage-forget user: and /triage-export since/until arrive as options")
    void dataRightsOptions() {
        Interaction forget = parse("""
                {"id":"11","application_id":"22","type":2,"token":"t","guild_id":"33",
                 "member":{"permissions":"32","user":{"id":"66","username":"ada"}},
                 "data":{"name":"triage-forget","options":[{"name":"user","type":6,"value":"99"}]}}""", 0)
                .interaction().orElseThrow();
        assertThat(forget.kind()).isEqualTo(Interaction.Kind.FORGET_COMMAND);
        assertThat(forget.optionValue("user")).isEqualTo("99");
    }

    @Test
    @DisplayName("a button in a DM: user at the top level, global name, not in a server, never a consultant")
    void buttonInDm() {
        Interaction i = parse("""
                {"id":"11","application_id":"22","type":3,"token":"t","channel_id":"44",
                 "user":{"id":"66","username":"ada","global_name":"Ada G"},
                 "data":{"custom_id":"t:1:2:a:yes","component_type":2}}""", 0).interaction().orElseThrow();

        assertThat(i.kind()).isEqualTo(Interaction.Kind.BUTTON);
        assertThat(i.customId()).isEqualTo("t:1:2:a:yes");
        assertThat(i.displayName()).isEqualTo("Ada G");
        assertThat(i.inGuild()).isFalse();
        assertThat(i.consultant()).isFalse();
    }

    @Test
    @DisplayName("a modal submit: the text input's value, in an action row or in a label")
    void modalValue() {
        String rows = """
                {"id":"11","application_id":"22","type":5,"token":"t","user":{"id":"66","username":"ada"},
                 "data":{"custom_id":"m","components":[{"type":1,"components":[{"type":4,"custom_id":"answer","value":"Acme, CEO"}]}]}}""";
        String label = """
                {"id":"11","application_id":"22","type":5,"token":"t","user":{"id":"66","username":"ada"},
                 "data":{"custom_id":"m","components":[{"type":18,"component":{"type":4,"custom_id":"answer","value":"Acme"}}]}}""";
        assertThat(parse(rows, 0).interaction().orElseThrow().text()).isEqualTo("Acme, CEO");
        assertThat(parse(label, 0).interaction().orElseThrow().text()).isEqualTo("Acme");
    }

    @Test
    @DisplayName("PING has no interaction to handle; autocomplete (4) is not served; garbage is refused")
    void pingAndOthers() {
        assertThat(parse("{\"id\":\"1\",\"application_id\":\"2\",\"type\":1,\"token\":\"t\"}", 0).interaction()).isEmpty();
        assertThat(parse("{\"id\":\"1\",\"application_id\":\"2\",\"type\":4,\"token\":\"t\",\"user\":{\"id\":\"3\"}}", 0)
                .interaction()).isEmpty();
        assertThatThrownBy(() -> parse("nope", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parse("{\"type\":\"x\"}", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
