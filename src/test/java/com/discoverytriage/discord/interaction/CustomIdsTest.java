package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.DiscordText;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Custom ids carry conversation, step and action, and cannot be forged")
class CustomIdsTest {

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");

    @Test
    @DisplayName("an encoded id decodes to the same conversation, step and action, within 100 characters")
    void roundTrip() {
        CustomId id = new CustomId(CustomId.TRIAGE, "123456789012345678", 42, "a=product-leadership");
        String raw = ids.encode(id);
        assertThat(raw).startsWith("t:123456789012345678:42:a=product-leadership:");
        assertThat(raw.length()).isLessThanOrEqualTo(DiscordText.CUSTOM_ID);
        assertThat(ids.decode(raw)).contains(id);
    }

    @Test
    @DisplayName("an edited step, user or action, or a key from another bot, is rejected")
    void tamperingRejected() {
        String raw = ids.encode(new CustomId(CustomId.TRIAGE, "111", 3, "a=yes"));
        assertThat(ids.decode(raw.replace(":3:", ":4:"))).isEmpty();
        assertThat(ids.decode(raw.replace("t:111", "t:112"))).isEmpty();
        assertThat(ids.decode(raw.replace("a=yes", "a=no"))).isEmpty();
        assertThat(CustomIds.derivedFrom("other").decode(raw)).isEmpty();
        assertThat(ids.decode("garbage")).isEmpty();
        assertThat(ids.decode(null)).isEmpty();
    }

    @Test
    @DisplayName("an id that would exceed 100 characters is refused when built, never sent")
    void tooLong() {
        assertThatThrownBy(() -> ids.encode(new CustomId(CustomId.TRIAGE, "1".repeat(20), 1, "a=" + "x".repeat(80))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
