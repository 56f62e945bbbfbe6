package com.discoverytriage.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.FinishedTriage;
import com.discoverytriage.conversation.FinishedTriages;
import com.discoverytriage.conversation.StoredConversations;
import com.discoverytriage.diagnostic.DiagnosticCatalog;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.fixtures.CsvReader;
import com.discoverytriage.lifecycle.BookingUpdates;
import com.discoverytriage.lifecycle.LifecycleFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Export of triages: one row each, answers as columns, booking time")
class TriageExportTest {

    @TempDir
    Path directory;

    @Test
    @DisplayName("decided and in-progress triages in the date range, with status, booking time and each answer")
    void rows() {
        LifecycleFixture.MovableClock clock = new LifecycleFixture.MovableClock();
        LifecycleFixture.runner(directory, clock, new LifecycleFixture.RecordingNotifier()).run(c -> {
            // given a triage before the range, a booked one and one in progress
            ConversationService service = c.getBean(ConversationService.class);
            service.handle(new ProspectId("console:early"), new Command.Start("tiny", "Early"));
            clock.advance(Duration.ofDays(2));
            Instant since = clock.instant().minus(Duration.ofHours(1));
            ProspectId zoe = new ProspectId("discord:42");
            service.handle(zoe, new Command.Start("tiny", "Zoë, \"the\" CEO"));
            for (String answer : List.of("=cmd|' /C calc'!A0", "no", "yes", "yes", "no")) {
                service.handle(zoe, new Command.Answer(answer));
            }
            service.handle(zoe, new Command.Confirm());
            String triage = service.find(zoe).orElseThrow().triageId();
            BookingUpdates bookings = c.getBean(BookingUpdates.class);
            bookings.booking(bookings.match(triage).orElseThrow(), true, Instant.parse("2025-03-20T10:00:00Z"), "calcom");
            clock.advance(Duration.ofMinutes(5));
            service.handle(new ProspectId("console:later"), new Command.Start("tiny", "Later"));

            // when
            TriageExport export = c.getBean(TriageExport.class);
            List<List<String>> table = CsvReader.parse(export.csv(since, null).substring(1));

            // then
            assertThat(table).hasSize(3);
            List<String> header = table.get(0);
            assertThat(header).startsWith("triage_id", "started_at", "finished_at", "prospect", "display_name",
                    "diagnostic", "outcome_kind", "outcome", "status", "booking_time");
            assertThat(header).contains("tiny.company", "tiny.early", "tiny.s1", "tiny.s2", "tiny.s3");
            List<String> booked = table.get(1);
            assertThat(booked.get(0)).isEqualTo(triage);
            assertThat(booked.get(4)).isEqualTo("Zoë, \"the\" CEO");
            assertThat(booked.get(6)).isEqualTo("book");
            assertThat(booked.get(8)).isEqualTo("booked (2025-03-20 10:00 UTC)");
            assertThat(booked.get(9)).isEqualTo("2025-03-20T10:00:00Z");
            assertThat(booked.get(header.indexOf("tiny.company"))).isEqualTo("'=cmd|' /C calc'!A0");
            assertThat(booked.get(header.indexOf("tiny.s3"))).isEqualTo("no");
            assertThat(table.get(2).get(3)).isEqualTo("console:later");
            assertThat(table.get(2).get(8)).isEqualTo("asking");
            assertThat(export.json(null, null)).contains("\"prospect\" : \"console:early\"", "\"bookingTime\" : \"2025-03-20T10:00:00Z\"");
        });
    }

    @Test
    @DisplayName("a one-day export reads one day from the database, not every stored triage")
    void oneDayReadsOneDay() {
        LifecycleFixture.MovableClock clock = new LifecycleFixture.MovableClock();
        LifecycleFixture.runner(directory, clock, new LifecycleFixture.RecordingNotifier()).run(c -> {
            // given: four decided triages on each of five days
            ConversationService service = c.getBean(ConversationService.class);
            Instant day0 = clock.instant();
            for (int day = 0; day < 5; day++) {
                for (int i = 0; i < 4; i++) {
                    ProspectId p = new ProspectId("discord:" + (100 * day + i));
                    service.handle(p, new Command.Start("tiny", "P"));
                    for (String answer : List.of("Acme", "no", "yes", "yes", "no")) {
                        service.handle(p, new Command.Answer(answer));
                    }
                    service.handle(p, new Command.Confirm());
                    clock.advance(Duration.ofHours(1));
                }
                clock.advance(Duration.ofHours(20));
            }
            // the store as the export sees it, counting the rows it hands over; reading them all is refused
            FinishedTriages store = c.getBean(FinishedTriages.class);
            AtomicInteger read = new AtomicInteger();
            FinishedTriages counting = new FinishedTriages() {
                @Override
                public List<FinishedTriage> findAll(String diagnosticId) {
                    throw new AssertionError("the export read every finished triage");
                }

                @Override
                public void forEachStarted(Instant since, Instant until, Consumer<FinishedTriage> each) {
                    store.forEachStarted(since, until, t -> {
                        read.incrementAndGet();
                        each.accept(t);
                    });
                }
            };
            TriageExport export = new TriageExport(counting, c.getBean(StoredConversations.class), service,
                    c.getBean(LeadRecords.class), c.getBean(DiagnosticCatalog.class));

            // when: the third day
            List<List<String>> table = CsvReader.parse(export.csv(day0.plus(Duration.ofDays(2)),
                    day0.plus(Duration.ofDays(3))).substring(1));

            // then: its four triages, and only they were read
            assertThat(table).hasSize(5);
            assertThat(table.subList(1, 5)).extracting(row -> row.get(3))
                    .containsExactly("discord:200", "discord:201", "discord:202", "discord:203");
            assertThat(read).hasValue(4);
        });
    }
}
