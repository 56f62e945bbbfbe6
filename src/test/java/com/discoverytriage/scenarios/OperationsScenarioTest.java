package com.discoverytriage.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.loopback.LoopbackDiscord;
import com.discoverytriage.loopback.LoopbackInteraction;
import com.discoverytriage.loopback.RecordedCall;
import com.discoverytriage.stats.StatsPeriod;
import com.discoverytriage.stats.StatsText;
import com.discoverytriage.stats.TriageStatistics;
import com.discoverytriage.stats.TriageStats;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/**
 * The operator's and the consultant's views of real traffic: triages through the stand-in, then the Prometheus
 * scrape (the registry behind {@code /actuator/prometheus}; the scenario context serves no HTTP, the HTTP side is
 * {@code OperationsEndpointsTest}), readiness across a dropped gateway, and {@code /triage-stats}.
 */
@DisplayName("Scenarios: metrics, readiness and /triage-stats through the whole application")
class OperationsScenarioTest extends ScenarioHarness {

    private final Cards cards = new Cards(DISCORD);

    @Autowired
    PrometheusMeterRegistry prometheus;

    @Autowired
    HealthEndpoint health;

    @Autowired
    TriageStatistics statistics;

    /** The value of one sample of the scrape whose name and labels contain every given part; 0 when absent. */
    private double sample(String name, String... labels) {
        double sum = 0;
        for (String line : prometheus.scrape().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                boolean all = true;
                for (String label : labels) {
                    all &= line.contains(label);
                }
                if (all) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    @Test
    @DisplayName("two triages move the counters by what happened; no label carries a user id or a name")
    void countersFollowTheTriages() {
        double startedBefore = sample("triage_started_total", "diagnostic=\"technology-leadership\"");
        double decidedBook = sample("triage_decided_total", "diagnostic=\"technology-leadership\"",
                "outcome_kind=\"book\"");
        double buttons = sample("triage_interactions_total", "kind=\"button\"", "result=\"acknowledged\"");
        double acks = sample("triage_interaction_acknowledgement_seconds_count");
        double delivered = sample("triage_outbox_attempts_total", "result=\"delivered\"");

        // one prospect reaches the booking link; another starts and answers the first three questions
        Prospect booked = newProspect("metrics-booker", false);
        booked.startTechnologyTriage();
        booked.click("No");
        booked.answerAllThenSeeResult("Yes");
        cards.awaitText(booked.user, "Decided: book the call");
        Prospect started = newProspect("metrics-starter", true);
        started.startTechnologyTriage();
        cards.awaitText(started.user, "question 4");

        assertThat(sample("triage_started_total", "diagnostic=\"technology-leadership\"") - startedBefore)
                .isEqualTo(2);
        assertThat(sample("triage_decided_total", "diagnostic=\"technology-leadership\"", "outcome_kind=\"book\"")
                - decidedBook).isEqualTo(1);
        // clicks: the booker's Skip, No, every Yes and Confirm, the starter's Skip; at least those
        assertThat(sample("triage_interactions_total", "kind=\"button\"", "result=\"acknowledged\"") - buttons)
                .isGreaterThanOrEqualTo(5);
        assertThat(sample("triage_interaction_acknowledgement_seconds_count") - acks).isGreaterThanOrEqualTo(9);
        assertThat(sample("triage_outbox_attempts_total", "result=\"delivered\"") - delivered).isPositive();
        assertThat(sample("triage_answer_processing_seconds_count", "command=\"answer\"")).isPositive();

        String scrape = prometheus.scrape();
        assertThat(scrape).contains("triage_interaction_acknowledgement_seconds_bucket{",
                "triage_outbox_backlog_cards", "triage_outbox_lag_seconds");
        Matcher labels = Pattern.compile("\\{([^}]*)}").matcher(scrape);
        while (labels.find()) {
            assertThat(labels.group(1)).doesNotContain(booked.user.idAsString(), started.user.idAsString(),
                    "metrics-booker", "metrics-starter", "Loopback Ltd");
        }
    }

    @Test
    @DisplayName("the gateway drops: readiness DOWN (liveness UP), then UP again after RESUME")
    void readinessFollowsTheGateway() throws Exception {
        awaitReadiness(Status.UP, Duration.ofSeconds(20));
        assertThat(health.healthForPath("readiness").getStatus()).isEqualTo(Status.UP);

        DISCORD.closeGateway(4000);

        List<Status> seen = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && !seen.contains(Status.DOWN)) {
            seen.add(health.healthForPath("readiness").getStatus());
            assertThat(health.healthForPath("liveness").getStatus()).isEqualTo(Status.UP);
            Thread.sleep(5);
        }
        assertThat(seen).as("readiness while the gateway is away").contains(Status.DOWN);
        awaitReadiness(Status.UP, Duration.ofSeconds(20));
        assertThat(DISCORD.framesFromClient(6)).as("resumed").isNotEmpty();
    }

    @Test
    @DisplayName("/triage-stats: a private embed with the computed figures and the chart as a PNG attachment")
    void consultantRunsTriageStats() throws Exception {
        Prospect prospect = newProspect("stats-zoë", false);
        prospect.startTechnologyTriage();
        prospect.click("No");
        prospect.answerAllThenSeeResult("Yes");
        cards.awaitText(prospect.user, "Decided: book the call");

        Prospect consultant = new Prospect(DISCORD, DISCORD.guild().consultant(), false);
        LoopbackInteraction command = DISCORD.slashCommand(consultant.user, "triage-stats",
                LoopbackDiscord.stringOption("period", "7"),
                LoopbackDiscord.stringOption("diagnostic", "technology-leadership"));
        DISCORD.dispatchInteraction(command);
        RecordedCall callback = consultant.callback(command);
        assertThat(callback.json().path("type").asInt()).as("deferred").isEqualTo(5);
        assertThat(callback.json().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        consultant.awaitEdit(command);

        RecordedCall edit = DISCORD.requests("PATCH", consultant.editPath(command)).stream()
                .filter(c -> c.status() == 200).findFirst().orElseThrow();
        assertThat(edit.header("content-type")).startsWith("multipart/form-data");
        assertThat(edit.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("triage-stats.png");
            assertThat(f.contentType()).isEqualTo("image/png");
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(f.content()));
            assertThat(image.getWidth()).isEqualTo(1000);
            assertThat(image.getHeight()).isGreaterThan(1000);
        });

        LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        TriageStats expected = statistics.compute(StatsPeriod.days(until.minusDays(7), until,
                "technology-leadership"));
        assertThat(expected.finished()).isPositive();
        JsonNode embed = DISCORD.message(DISCORD.originalMessageId(command).orElseThrow()).orElseThrow()
                .path("embeds").path(0);
        assertThat(embed.path("title").asText()).isEqualTo("Triage statistics");
        assertThat(embed.path("description").asText()).isEqualTo(StatsText.period(expected));
        List<String> values = new ArrayList<>();
        embed.path("fields").forEach(f -> values.add(f.path("value").asText()));
        assertThat(values).contains(StatsText.totals(expected), StatsText.conversion(expected),
                StatsText.timeToFinish(expected));

        // a prospect's /triage-stats is refused privately
        LoopbackInteraction refused = DISCORD.slashCommand(prospect.user, "triage-stats");
        DISCORD.dispatchInteraction(refused);
        RecordedCall refusal = prospect.callback(refused);
        assertThat(refusal.json().path("data").path("content").asText()).contains("Only the consultant");
    }

    @Test
    @DisplayName("the weekly digest: retried after a 500, then posted once with the figures, the follow-up list and the chart")
    void weeklyDigestOnce() {
        // a schedule due now (the scenario context's own digest is off)
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(ZoneOffset.UTC);
        com.discoverytriage.stats.WeeklyDigest schedule = new com.discoverytriage.stats.WeeklyDigest(jdbc,
                new com.discoverytriage.stats.DigestProperties(true, now.getDayOfWeek(), java.time.LocalTime.MIDNIGHT,
                        ZoneOffset.UTC, Duration.ofDays(1)), java.time.Clock.systemUTC());
        long channel = DISCORD.guild().summaryChannelId();
        int before = DISCORD.requests("POST", "/channels/{channel}/messages").size();

        // Discord fails the first post (500): the claim is released and the next check posts it
        DISCORD.scriptFault("POST", "/channels/" + Long.toUnsignedString(channel) + "/messages",
                com.discoverytriage.loopback.RestFault.serverError(), 1);
        assertThat(digests.postIfDue(schedule)).as("refused by Discord").isFalse();
        assertThat(digests.postIfDue(schedule)).isTrue();
        assertThat(digests.postIfDue(schedule)).as("once a week").isFalse();

        List<RecordedCall> posts = DISCORD.requests("POST", "/channels/{channel}/messages");
        assertThat(posts).hasSize(before + 2);
        assertThat(posts.get(posts.size() - 2).status()).isEqualTo(500);
        RecordedCall post = posts.get(posts.size() - 1);
        assertThat(post.path()).contains(Long.toUnsignedString(channel));
        assertThat(post.header("content-type")).startsWith("multipart/form-data");
        assertThat(post.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("triage-stats.png");
            assertThat(f.content()).startsWith(0x89, 'P', 'N', 'G');
        });
        JsonNode embeds = post.json().path("embeds");
        assertThat(embeds.path(0).path("title").asText()).isEqualTo("Weekly triage digest");
        assertThat(embeds.path(1).path("title").asText()).isEqualTo("Decided, not booked");
        assertThat(post.json().path("allowed_mentions").path("parse")).isEmpty();
    }

    @Test
    @DisplayName("given Discord accepted the weekly digest, when recording it fails once (a database hiccup), then the "
            + "digest is still posted once: the next checks do not post it again")
    void digestPostedButNotRecordedAtFirst() {
        // a schedule due now, a day later than weeklyDigestOnce's, so that the two tests' weeks do not meet
        java.time.ZonedDateTime now = java.time.ZonedDateTime.now(ZoneOffset.UTC);
        java.util.concurrent.atomic.AtomicInteger recordings = new java.util.concurrent.atomic.AtomicInteger();
        com.discoverytriage.stats.WeeklyDigest schedule = new com.discoverytriage.stats.WeeklyDigest(jdbc,
                new com.discoverytriage.stats.DigestProperties(true, now.getDayOfWeek(), java.time.LocalTime.MIDNIGHT,
                        ZoneOffset.UTC, Duration.ofDays(1)), java.time.Clock.offset(java.time.Clock.systemUTC(),
                        Duration.ofDays(7))) {
            @Override
            public void posted(Due due) {
                if (recordings.getAndIncrement() == 0) {
                    throw new org.springframework.dao.DataAccessResourceFailureException("connection lost");
                }
                super.posted(due);
            }
        };
        int before = DISCORD.requests("POST", "/channels/{channel}/messages").size();

        digests.postIfDue(schedule);
        digests.postIfDue(schedule);
        digests.postIfDue(schedule);

        assertThat(DISCORD.requests("POST", "/channels/{channel}/messages")).as("digests posted")
                .hasSize(before + 1);
    }

    @Autowired
    com.discoverytriage.discord.gateway.DigestPoster digests;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private void awaitReadiness(Status status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (health.healthForPath("readiness").getStatus() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("readiness not " + status + ": " + health.healthForPath("readiness"));
            }
            Thread.sleep(20);
        }
    }
}
