package com.discoverytriage.discord.card;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.interaction.CustomId;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.render.MessageSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.ProspectNotifier;
import com.discoverytriage.summary.LeadLifecycle;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.LeadState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Lifecycle on the card, and the stall reminder DM")
class LifecycleCardsTest {

    private final CustomIds ids = CustomIds.derivedFrom("test-secret");

    private static LeadState with(LeadLifecycle l) {
        return LeadState.none("t").withLifecycle(l);
    }

    @Test
    @DisplayName("the card says stalled / abandoned / not booked / booked with the time; an erased card shows nothing of the prospect")
    void card() {
        CardRenderer renderer = new CardRenderer(ids);
        String stalled = renderer.render(Fixtures.summary(null, "Secret answer"),
                with(new LeadLifecycle(Stage.STALLED, 3, 5, null, "no-dm", Instant.EPOCH))).embeds().get(0).description();
        assertThat(stalled).contains("stalled at question 3", "no DM possible");
        String interrupted = renderer.render(Fixtures.summary(null, "x"), with(new LeadLifecycle(Stage.STALLED, 3, 5,
                null, "interrupted", Instant.EPOCH))).embeds().get(0).description();
        assertThat(interrupted).contains("stalled at question 3", "may not have gone out");
        String booked = renderer.render(Fixtures.summary(Fixtures.book(), "x"),
                with(new LeadLifecycle(Stage.BOOKED, 0, 0, Instant.parse("2025-03-10T15:00:00Z"), null, Instant.EPOCH)))
                .embeds().get(0).description();
        assertThat(booked).contains("booked (2025-03-10 15:00 UTC)");
        String notBooked = renderer.render(Fixtures.summary(Fixtures.book(), "x"),
                with(new LeadLifecycle(Stage.DECIDED_NOT_BOOKED, 0, 0, null, null, Instant.EPOCH))).embeds().get(0)
                .description();
        assertThat(notBooked).contains("decided, not booked");

        MessageSpec erased = renderer.render(Fixtures.summary(Fixtures.book(), "Secret answer"),
                with(new LeadLifecycle(Stage.ERASED, 0, 0, null, null, Instant.EPOCH)));
        assertThat(erased.embeds().get(0).title()).contains("erased at the prospect's request");
        assertThat(erased.embeds().get(0).fields()).isEmpty();
        assertThat(erased.rows()).isEmpty();
        assertThat(erased.toString()).doesNotContain("Secret answer");
    }

    @Test
    @DisplayName("a reminder is a DM with a Continue button; closed DMs get none and are remembered")
    void reminder() {
        ClosedDms closed = mock(ClosedDms.class);
        List<MessageSpec> sent = new ArrayList<>();
        ReminderDms reminders = new ReminderDms(ids, closed);
        assertThat(reminders.remind(new ProspectId("discord:5"), 2, 5)).as("not connected yet")
                .isEqualTo(ProspectNotifier.Result.FAILED);
        reminders.connected((user, message) -> sent.add(message));

        assertThat(reminders.remind(new ProspectId("discord:5"), 2, 5)).isEqualTo(ProspectNotifier.Result.SENT);
        MessageSpec dm = sent.get(0);
        assertThat(dm.embeds().get(0).description()).contains("question 2 of 5");
        CustomId button = ids.decode(dm.rows().get(0).buttons().get(0).customId()).orElseThrow();
        assertThat(button.subject()).isEqualTo("5");
        assertThat(button.verb()).isEqualTo("show");

        assertThat(reminders.remind(new ProspectId("console:me"), 1, 5)).isEqualTo(ProspectNotifier.Result.UNREACHABLE);
        when(closed.closed(6)).thenReturn(true);
        assertThat(reminders.remind(new ProspectId("discord:6"), 1, 5)).isEqualTo(ProspectNotifier.Result.UNREACHABLE);
        assertThat(sent).hasSize(1);

        reminders.connected((user, message) -> {
            throw new DiscordFailure(403, DiscordFailure.CANNOT_DM, "cannot send messages to this user");
        });
        assertThat(reminders.remind(new ProspectId("discord:7"), 1, 5)).isEqualTo(ProspectNotifier.Result.UNREACHABLE);
        verify(closed).markClosed(7);
        verify(closed, never()).markClosed(5);
    }
}
