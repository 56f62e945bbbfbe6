package com.discoverytriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import com.discoverytriage.lifecycle.LifecycleFixture;
import com.discoverytriage.lifecycle.LifecycleFixture.MovableClock;
import com.discoverytriage.lifecycle.LifecycleFixture.RecordingNotifier;
import com.discoverytriage.summary.LeadLifecycle;
import com.discoverytriage.summary.LeadLifecycle.Stage;
import com.discoverytriage.summary.LeadRecords;
import com.discoverytriage.summary.SummaryOutbox;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

@DisplayName("Booking webhooks from Cal.com and Calendly")
class BookingWebhooksTest {

    static final ProspectId PROSPECT = new ProspectId("discord:2002");

    @TempDir
    Path directory;

    private final MovableClock clock = new MovableClock();

    /** A decided book triage; answers its id. */
    private static String bookTriage(ApplicationContext c) {
        ConversationService service = c.getBean(ConversationService.class);
        service.handle(PROSPECT, new Command.Start("tiny", "Zoë"));
        for (String answer : List.of("Acme", "no", "yes", "yes", "yes")) {
            service.handle(PROSPECT, new Command.Answer(answer));
        }
        service.handle(PROSPECT, new Command.Confirm());
        return service.find(PROSPECT).orElseThrow().triageId();
    }

    private void run(Consumer<ApplicationContext> test) {
        LifecycleFixture.runner(directory, clock, new RecordingNotifier()).run(test::accept);
    }

    static LeadLifecycle lifecycle(ApplicationContext c, String triage) {
        return c.getBean(LeadRecords.class).lifecycle(triage);
    }

    // Sample payloads in the documented shapes; every value is made up.
    static byte[] calcom(String trigger, String ref, String start) {
        return calcom(trigger, ref, start, LifecycleFixture.T0);
    }

    /** @param createdAt when Cal.com sent the delivery (its top-level {@code createdAt}) */
    static byte[] calcom(String trigger, String ref, String start, Instant createdAt) {
        return ("{\"triggerEvent\":\"" + trigger + "\",\"createdAt\":\"" + createdAt + "\",\"payload\":{"
                + "\"type\":\"strategy-call\",\"title\":\"Strategy call between Consultant and Zoë\","
                + "\"startTime\":\"" + start + "\",\"endTime\":\"2025-03-10T15:30:00Z\",\"uid\":\"bk-123\","
                + "\"organizer\":{\"name\":\"Consultant\",\"email\":\"consultant@example.test\",\"timeZone\":\"UTC\"},"
                + "\"attendees\":[{\"name\":\"Zoë\",\"email\":\"prospect@example.test\",\"timeZone\":\"Europe/Paris\"}],"
                + "\"responses\":{\"name\":{\"label\":\"Your name\",\"value\":\"Zoë\"},"
                + "\"notes\":{\"label\":\"Notes\",\"value\":\"Tiny leadership triage\"}},"
                + "\"metadata\":{\"videoCallUrl\":\"https://video.example.test/x\",\"ref\":\"" + ref + "\"},"
                + "\"status\":\"ACCEPTED\"}}").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] calendly(String event, String ref, String start, boolean rescheduled) {
        return ("{\"event\":\"" + event + "\",\"created_at\":\"2025-03-04T10:00:00.000000Z\","
                + "\"created_by\":\"https://api.calendly.example/users/AAAA\",\"payload\":{"
                + "\"uri\":\"https://api.calendly.example/scheduled_events/EV1/invitees/IN1\","
                + "\"name\":\"Zoë\",\"email\":\"prospect@example.test\",\"status\":\"active\","
                + "\"rescheduled\":" + rescheduled + ",\"timezone\":\"Europe/Paris\","
                + "\"scheduled_event\":{\"uri\":\"https://api.calendly.example/scheduled_events/EV1\","
                + "\"name\":\"Strategy call\",\"status\":\"active\",\"start_time\":\"" + start + "\","
                + "\"end_time\":\"2025-03-11T10:30:00.000000Z\"},"
                + "\"questions_and_answers\":[{\"question\":\"Anything to share?\",\"answer\":\"No\",\"position\":0}],"
                + "\"tracking\":{\"utm_campaign\":null,\"utm_source\":\"discord\",\"utm_medium\":null,"
                + "\"utm_content\":\"" + ref + "\",\"utm_term\":null,\"salesforce_uuid\":null}}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String calcomSignature(byte[] body) {
        return Signatures.hmacHex(LifecycleFixture.CALCOM_SECRET, body);
    }

    /** A signature one hex digit off; always differs (a fixed "00" prefix matched one body in 256). */
    static String withFirstDigitChanged(String hex) {
        return (hex.charAt(0) == '0' ? "1" : "0") + hex.substring(1);
    }

    static String calendlySignature(byte[] body, Instant at) {
        long t = at.getEpochSecond();
        byte[] signed = (t + "." + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        return "t=" + t + ",v1=" + Signatures.hmacHex(LifecycleFixture.CALENDLY_KEY, signed);
    }

    @Nested
    @DisplayName("Cal.com")
    class Calcom {

        @Test
        @DisplayName("created, rescheduled and cancelled move the card to booked (time), booked (new time), cancelled")
        void transitions() {
            run(c -> {
                // given
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                long before = c.getBean(SummaryOutbox.class).find(triage).orElseThrow().revision();

                // when booked
                byte[] created = calcom("BOOKING_CREATED", triage, "2025-03-10T15:00:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, created, calcomSignature(created))).isEqualTo(200);

                // then
                assertThat(lifecycle(c, triage).label()).isEqualTo("booked (2025-03-10 15:00 UTC)");
                assertThat(c.getBean(SummaryOutbox.class).find(triage).orElseThrow().revision()).isGreaterThan(before);

                byte[] moved = calcom("BOOKING_RESCHEDULED", triage, "2025-03-12T09:30:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, moved, calcomSignature(moved))).isEqualTo(200);
                assertThat(lifecycle(c, triage).label()).isEqualTo("booked (2025-03-12 09:30 UTC)");

                byte[] cancelled = calcom("BOOKING_CANCELLED", triage, "2025-03-12T09:30:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, cancelled, calcomSignature(cancelled)))
                        .isEqualTo(200);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKING_CANCELLED);
                assertThat(lifecycle(c, triage).label()).isEqualTo("booking cancelled (was 2025-03-12 09:30 UTC)");
            });
        }

        @Test
        @DisplayName("missing, bad and replayed signatures are refused (401, 401, 409) and change nothing")
        void refusals() {
            run(c -> {
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] body = calcom("BOOKING_CREATED", triage, "2025-03-10T15:00:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, body, null)).isEqualTo(401);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, body, withFirstDigitChanged(calcomSignature(body))))
                        .isEqualTo(401);
                byte[] tampered = calcom("BOOKING_CANCELLED", triage, "2025-03-10T15:00:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, tampered, calcomSignature(body))).isEqualTo(401);
                assertThat(lifecycle(c, triage)).isNull();

                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, body, calcomSignature(body))).isEqualTo(200);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, body, calcomSignature(body))).isEqualTo(409);
            });
        }

        @Test
        @DisplayName("an unknown event is ignored (204); an unmatched reference is accepted without effect (202)")
        void unknownAndUnmatched() {
            run(c -> {
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] ping = "{\"triggerEvent\":\"MEETING_ENDED\",\"payload\":{}}".getBytes(StandardCharsets.UTF_8);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, ping, calcomSignature(ping))).isEqualTo(204);
                byte[] stranger = calcom("BOOKING_CREATED", "not-a-triage", "2025-03-10T15:00:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, stranger, calcomSignature(stranger)))
                        .isEqualTo(202);
                byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, notJson, calcomSignature(notJson))).isEqualTo(400);
            });
        }
    }

    @Nested
    @DisplayName("Calendly")
    class Calendly {

        @Test
        @DisplayName("invitee.created books (utm_content carries the reference); invitee.canceled cancels; a reschedule's cancel is skipped")
        void transitions() {
            run(c -> {
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] created = calendly("invitee.created", triage, "2025-03-11T10:00:00.000000Z", false);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, created,
                        calendlySignature(created, clock.instant()))).isEqualTo(200);
                assertThat(lifecycle(c, triage).label()).isEqualTo("booked (2025-03-11 10:00 UTC)");

                byte[] rescheduledCancel = calendly("invitee.canceled", triage, "2025-03-11T10:00:00.000000Z", true);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, rescheduledCancel,
                        calendlySignature(rescheduledCancel, clock.instant()))).isEqualTo(200);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKED);

                clock.advance(Duration.ofSeconds(5));
                byte[] cancelled = calendly("invitee.canceled", triage, "2025-03-11T10:00:00.000000Z", false);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, cancelled,
                        calendlySignature(cancelled, clock.instant()))).isEqualTo(200);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKING_CANCELLED);
            });
        }

        @Test
        @DisplayName("missing, bad, stale (older than 3 minutes) and replayed signatures are refused")
        void refusals() {
            run(c -> {
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] body = calendly("invitee.created", triage, "2025-03-11T10:00:00.000000Z", false);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, body, null)).isEqualTo(401);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, body, "t=1,v1=abc")).isEqualTo(401);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, body, "garbage")).isEqualTo(401);
                String stale = calendlySignature(body, clock.instant().minus(Duration.ofMinutes(4)));
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, body, stale)).isEqualTo(401);
                assertThat(lifecycle(c, triage)).isNull();

                String good = calendlySignature(body, clock.instant().minus(Duration.ofMinutes(2)));
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, body, good)).isEqualTo(200);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, body, good)).isEqualTo(409);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKED);
            });
        }
    }

    /**
     * Issue 9, item 3: a replay is the same delivery whatever the spelling of its signature header. Sources: Cal.com
     * "Webhooks" docs (X-Cal-Signature-256, a hex HMAC-SHA256 of the body; the payload's createdAt), Calendly
     * "Webhook signatures" docs (Calendly-Webhook-Signature: t=...,v1=...; the t is part of the signed string).
     */
    @Nested
    @DisplayName("Replays")
    class Replays {

        @Test
        @DisplayName("Cal.com: the same signature in upper case is a replay (409) and does not rebook a cancelled card")
        void upperCaseSignature() {
            run(c -> {
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] created = calcom("BOOKING_CREATED", triage, "2025-03-10T15:00:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, created, calcomSignature(created))).isEqualTo(200);
                clock.advance(Duration.ofSeconds(30));
                byte[] cancelled = calcom("BOOKING_CANCELLED", triage, "2025-03-10T15:00:00Z", clock.instant());
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, cancelled, calcomSignature(cancelled))).isEqualTo(200);

                String upper = calcomSignature(created).toUpperCase(java.util.Locale.ROOT);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, created, upper)).isEqualTo(409);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, created, " " + calcomSignature(created) + " "))
                        .isEqualTo(409);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKING_CANCELLED);
            });
        }

        @Test
        @DisplayName("Calendly: the same signature with its parts reordered, in upper case or with a junk v0= is a replay (409)")
        void reorderedCalendlyHeader() {
            run(c -> {
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] created = calendly("invitee.created", triage, "2025-03-11T10:00:00.000000Z", false);
                String header = calendlySignature(created, clock.instant());
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, created, header)).isEqualTo(200);
                clock.advance(Duration.ofSeconds(5));
                byte[] cancelled = calendly("invitee.canceled", triage, "2025-03-11T10:00:00.000000Z", false);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, cancelled,
                        calendlySignature(cancelled, clock.instant()))).isEqualTo(200);

                String[] parts = header.split(",");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, created, parts[1] + "," + parts[0]))
                        .isEqualTo(409);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, created, header + ",v0=junk")).isEqualTo(409);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALENDLY, created,
                        parts[0] + "," + parts[1].toUpperCase(java.util.Locale.ROOT).replace("V1=", "v1="))).isEqualTo(409);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKING_CANCELLED);
            });
        }

        @Test
        @DisplayName("Cal.com: a delivery whose createdAt is outside the tolerance is refused (401), even after its receipt is purged")
        void oldCalcomDelivery() {
            run(c -> {
                String triage = bookTriage(c);
                BookingWebhooks hooks = c.getBean(BookingWebhooks.class);
                byte[] created = calcom("BOOKING_CREATED", triage, "2025-03-10T15:00:00Z");
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, created, calcomSignature(created))).isEqualTo(200);
                clock.advance(Duration.ofMinutes(1));
                byte[] cancelled = calcom("BOOKING_CANCELLED", triage, "2025-03-10T15:00:00Z", clock.instant());
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, cancelled, calcomSignature(cancelled))).isEqualTo(200);

                // a capture replayed once the receipts are gone (kept 30 days)
                clock.advance(Duration.ofDays(31));
                c.getBean(com.discoverytriage.lifecycle.RetentionPurge.class).purge(clock.instant());
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, created, calcomSignature(created))).isEqualTo(401);
                assertThat(lifecycle(c, triage).stage()).isEqualTo(Stage.BOOKING_CANCELLED);

                // and one from too far in the future, or without createdAt, is refused as well
                byte[] future = calcom("BOOKING_CREATED", triage, "2025-03-10T15:00:00Z", clock.instant().plus(Duration.ofHours(1)));
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, future, calcomSignature(future))).isEqualTo(401);
                byte[] undated = new String(created, StandardCharsets.UTF_8).replaceFirst("\"createdAt\":\"[^\"]*\",", "")
                        .getBytes(StandardCharsets.UTF_8);
                assertThat(hooks.receive(BookingWebhooks.Provider.CALCOM, undated, calcomSignature(undated))).isEqualTo(401);
            });
        }
    }

    @Test
    @DisplayName("over HTTP: the paths, the headers, 413 for a body over the limit, 404 for a provider without a secret")
    void http() {
        run(c -> {
            String triage = bookTriage(c);
            // the mock container has no non-blocking input: the controller's plain bounded read (SlowUploadTest
            // covers the non-blocking read in Tomcat)
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new BookingWebhookController(c.getBean(BookingWebhooks.class)))
                    .defaultRequest(post("/").with(r -> {
                        r.setAsyncSupported(false);
                        return r;
                    }))
                    .build();
            byte[] body = calcom("BOOKING_CREATED", triage, "2025-03-10T15:00:00Z");
            try {
                mvc.perform(post("/webhooks/booking/calcom").content(body).header("X-Cal-Signature-256", calcomSignature(body)))
                        .andExpect(status().isOk());
                byte[] big = new byte[70 * 1024];
                java.util.Arrays.fill(big, (byte) ' ');
                mvc.perform(post("/webhooks/booking/calcom").content(big).header("X-Cal-Signature-256", calcomSignature(big)))
                        .andExpect(status().isPayloadTooLarge());
                byte[] created = calendly("invitee.created", triage, "2025-03-11T10:00:00.000000Z", false);
                mvc.perform(post("/webhooks/booking/calendly").content(created)
                                .header("Calendly-Webhook-Signature", calendlySignature(created, clock.instant())))
                        .andExpect(status().isOk());
                mvc.perform(post("/webhooks/booking/calendly").content(created))
                        .andExpect(status().isUnauthorized());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            assertThat(lifecycle(c, triage).label()).isEqualTo("booked (2025-03-11 10:00 UTC)");
        });
        LifecycleFixture.runner(directory, clock, new RecordingNotifier())
                .withPropertyValues("triage.webhooks.calcom-secret=")
                .run(c -> {
                    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
                    assertThat(c.getBean(BookingWebhooks.class).receive(BookingWebhooks.Provider.CALCOM, body, "x"))
                            .isEqualTo(404);
                });
    }
}
