package com.discoverytriage.discord.card;

import com.discoverytriage.discord.DiscordFailure;
import com.discoverytriage.discord.DiscordSchemas;
import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.interaction.CustomIds;
import com.discoverytriage.discord.render.DiscordJson;
import com.discoverytriage.discord.render.MessageSpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.discoverytriage.booking.BookingProperties;
import com.discoverytriage.booking.PrefilledBookingLinks;
import com.discoverytriage.conversation.BookingLinks;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ConversationSnapshot;
import com.discoverytriage.conversation.Phase;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.LeadState;
import com.discoverytriage.summary.SummaryOutbox;
import com.discoverytriage.summary.TriageSummary;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@DisplayName("The consultant's card buttons: status, override and talk anyway, recorded with the card in one transaction")
class LeadDeskTest {

    private static final String BOOKING_URL = "https://cal.example/strategy";
    private final CardDeliveryTest.MutableClock clock = new CardDeliveryTest.MutableClock();
    private final ConversationService conversations = mock(ConversationService.class);
    private final DirectMessages dms = mock(DirectMessages.class);
    private final DiagnosticCatalog catalog = mock(DiagnosticCatalog.class);
    private final BookingLinks links = new PrefilledBookingLinks(new BookingProperties(BOOKING_URL, null, null, null));
    private final CardRenderer cards = new CardRenderer(CustomIds.derivedFrom("k"));
    private JdbcTemplate jdbc;
    private TransactionTemplate tx;
    private SummaryOutbox outbox;
    private LeadRecords leads;
    private ClosedDms closedDms;

    @BeforeEach
    void database() {
        DataSource ds = MigratedDatabase.fresh();
        jdbc = new JdbcTemplate(ds);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        outbox = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock);
        leads = new LeadRecords(jdbc, clock);
        closedDms = new ClosedDms(jdbc, clock);
        Diagnostic diagnostic = mock(Diagnostic.class);
        when(diagnostic.title()).thenReturn("Product leadership");
        when(catalog.find(any())).thenReturn(Optional.of(diagnostic));
    }

    private LeadDesk desk(SummaryOutbox outbox) {
        return new LeadDesk(leads, outbox, conversations, catalog, Optional.of(links), dms, closedDms, tx);
    }

    private String decided(TriageSummary summary) {
        outbox.record(summary);
        outbox.edited(summary.triageId(), outbox.find(summary.triageId()).orElseThrow().revision()); // delivered
        ConversationSnapshot snapshot = Fixtures.snapshot(Phase.DECIDED, 12, summary.outcome());
        when(conversations.find(Fixtures.PROSPECT)).thenReturn(Optional.of(snapshot));
        return summary.triageId();
    }

    private String card(String triageId) {
        return DiscordJson.message(cards.render(outbox.find(triageId).orElseThrow().summary(), leads.find(triageId))).toString();
    }

    @Test
    @DisplayName("Mark contacted, Booked, Not a fit: who and when are recorded and the card is due for an edit showing it")
    void status() {
        String triage = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        clock.advance(Duration.ofMinutes(5));
        assertThat(desk(outbox).setStatus(triage, LeadState.Status.CONTACTED, "Consultant")).isEqualTo("Lead marked: Contacted.");
        assertThat(outbox.due(10)).extracting(r -> r.triageId()).containsExactly(triage);
        LeadState lead = leads.find(triage);
        assertThat(lead.statusBy()).isEqualTo("Consultant");
        assertThat(lead.statusAt()).isEqualTo(clock.instant());
        assertThat(card(triage)).contains("Lead: **Contacted** by Consultant <t:" + clock.instant().getEpochSecond());
        desk(outbox).setStatus(triage, LeadState.Status.NOT_A_FIT, "Partner");
        assertThat(card(triage)).contains("Lead: **Not a fit** by Partner");
        assertThat(leads.events(triage)).containsExactly("status:contacted by Consultant", "status:not-a-fit by Partner");
    }

    @Test
    @DisplayName("a lead change and the card's new revision are one transaction: if the card cannot be marked, nothing changes")
    void atomic() {
        String triage = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        SummaryOutbox failing = new SummaryOutbox(jdbc, new DiagnosticCatalog(List.of(), null), clock) {
            @Override
            public void touch(String triageId) {
                throw new IllegalStateException("database went away");
            }
        };
        assertThatThrownBy(() -> desk(failing).setStatus(triage, LeadState.Status.BOOKED, "Consultant"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> desk(failing).talkAnyway(triage)).isInstanceOf(IllegalStateException.class);
        assertThat(leads.find(triage)).isEqualTo(LeadState.none(triage));
        assertThat(leads.events(triage)).isEmpty();
    }

    @Test
    @DisplayName("Override outcome books the prospect: a DM with the prefilled booking link, the card says who overrode and when")
    void override() {
        String triage = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        String answer = desk(outbox).overrideToBook(triage, "Consultant");
        assertThat(answer).contains("told by DM");
        ArgumentCaptor<MessageSpec> dm = ArgumentCaptor.forClass(MessageSpec.class);
        verify(dms).send(eq(Fixtures.USER), dm.capture());
        // the rules decided an alternative, yet the DM carries the same prefilled link a book outcome gets
        assertThat(dm.getValue().buttons()).singleElement().satisfies(b -> {
            assertThat(b.label()).isEqualTo("Book your strategy call");
            assertThat(b.url()).startsWith(BOOKING_URL + "?name=Ada").endsWith("&ref=" + triage);
        });
        assertThat(dm.getValue().embeds().get(0).description()).doesNotContain("They will reach out");
        assertThat(DiscordSchemas.violations("MessageCreateRequest", DiscordJson.message(dm.getValue()))).isEmpty();
        assertThat(card(triage)).contains("Outcome overridden").contains("by Consultant").doesNotContain("Override outcome: book");
        assertThat(leads.events(triage)).containsExactly("override:book by Consultant");
    }

    @Test
    @DisplayName("a double click on Override sends one DM and records one override")
    void overrideTwice() {
        String triage = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        desk(outbox).overrideToBook(triage, "Consultant");
        assertThat(desk(outbox).overrideToBook(triage, "Partner")).startsWith("Already overridden: Consultant");
        verify(dms, times(1)).send(anyLong(), any());
        assertThat(leads.events(triage)).hasSize(1);
    }

    @Test
    @DisplayName("closed DMs (50007): noted on the card, remembered, and never tried again for that prospect")
    void dmsClosed() {
        String triage = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        doThrow(new DiscordFailure(403, DiscordFailure.CANNOT_DM, "cannot send messages to this user"))
                .when(dms).send(anyLong(), any());
        assertThat(desk(outbox).overrideToBook(triage, "Consultant")).contains(LeadDesk.DMS_CLOSED);
        assertThat(card(triage)).contains("Note").contains("DMs are closed");
        assertThat(closedDms.closed(Fixtures.USER)).isTrue();
        String second = decided(new TriageSummary("second-triage", Fixtures.PROSPECT.value(), "Ada", "product-leadership",
                "Product leadership", "v", Phase.DECIDED, 9, 9, Fixtures.T0, Fixtures.T0, List.of(), null,
                Fixtures.alternative(), null, null, null));
        assertThat(desk(outbox).overrideToBook(second, "Consultant")).contains(LeadDesk.DMS_CLOSED);
        verify(dms, times(1)).send(anyLong(), any());
    }

    @Test
    @DisplayName("other DM failures are noted on the card too; the override stands")
    void dmFailed() {
        String triage = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        doThrow(new DiscordFailure(503, 0, "unavailable")).when(dms).send(anyLong(), any());
        assertThat(desk(outbox).overrideToBook(triage, "Consultant")).contains(LeadDesk.DM_FAILED);
        assertThat(card(triage)).contains("Outcome overridden").contains("DM to the prospect failed");
        assertThat(closedDms.closed(Fixtures.USER)).isFalse();
    }

    @Test
    @DisplayName("Override is refused when the rules already book the prospect or there is no outcome yet")
    void overrideRefused() {
        String booked = decided(Fixtures.summary(Fixtures.book(), "Acme"));
        assertThat(desk(outbox).overrideToBook(booked, "Consultant")).isEqualTo("The rules already book this prospect.");
        assertThat(desk(outbox).overrideToBook("unknown", "Consultant")).isEqualTo(LeadDesk.UNKNOWN);
        verify(dms, never()).send(anyLong(), any());
        assertThat(leads.find(booked).overrideBy()).isNull();
    }

    @Test
    @DisplayName("talk anyway flags the lead once; a restart is a new triage id, a new lead and a new card without the flag")
    void talkAnyway() {
        String first = decided(Fixtures.summary(Fixtures.alternative(), "Acme"));
        desk(outbox).talkAnyway(first);
        desk(outbox).talkAnyway(first);
        assertThat(leads.events(first)).containsExactly("talk-anyway");
        assertThat(card(first)).contains("Talk anyway");
        TriageSummary restarted = new TriageSummary("restarted-triage", Fixtures.PROSPECT.value(), "Ada", "product-leadership",
                "Product leadership", "v", Phase.ASKING, 1, 9, Fixtures.T0, null, List.of(), null, null, null, null, null);
        outbox.record(restarted);
        assertThat(leads.find("restarted-triage").talkAnyway()).isFalse();
        assertThat(card("restarted-triage")).doesNotContain("Talk anyway");
        assertThat(card(first)).as("the earlier triage keeps its own record").contains("Talk anyway");
    }
}
