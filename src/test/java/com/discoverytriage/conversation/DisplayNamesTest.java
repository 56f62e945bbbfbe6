package com.discoverytriage.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 8: a name with newlines or terminal escape sequences was stored and echoed as it came. Every name
 * that starts a conversation is stored without control characters.
 */
@DisplayName("Display names are stored without control characters")
class DisplayNamesTest {

    private static final String EVIL = "Ada\n\u001b[2J\u001b]0;owned\u0007 Lovelace\r\n\tInjected: line\u202Egnp.exe\u0000";

    @Test
    void givenANameWithNewlinesAndEscapes_whenATriageStarts_thenTheStoredNameHasNoControlCharacters() {
        ConversationFixture fixture = ConversationFixture.h2();
        StateMachineConversationService service = fixture.service();
        ProspectId prospect = new ProspectId("discord:77");

        service.handle(prospect, new Command.Start(null, EVIL));

        String stored = service.find(prospect).orElseThrow().displayName();
        assertThat(stored).doesNotContainPattern("\\p{Cc}").doesNotContain("\u202E")
                .isEqualTo("Ada [2J]0;owned Lovelace Injected: linegnp.exe");
    }

    @Test
    void cleaning() {
        assertThat(DisplayNames.clean("  Zoë   Ünal ")).isEqualTo("Zoë Ünal");
        assertThat(DisplayNames.clean("\u0007\n")).isNull();
        assertThat(DisplayNames.clean(null)).isNull();
        assertThat(DisplayNames.clean("x".repeat(300))).hasSize(DisplayNames.MAX_LENGTH);
        assertThat(DisplayNames.clean("👩‍💻 Dev")).isEqualTo("👩‍💻 Dev");
    }
}
