package com.discoverytriage.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.DiscoveryTriageApplication;
import com.discoverytriage.conversation.Command;
import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.conversation.ProspectId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The operator's endpoints over HTTP, on the real application (no Discord: the {@code discord} check is the
 * loopback scenarios' job): management on its own port and only on loopback, only health and prometheus exposed,
 * liveness and readiness groups, and the metric names with no prospect in any label.
 */
@DisplayName("Actuator health groups and Prometheus metrics on the management port")
class OperationsEndpointsTest {

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @DisplayName("health and prometheus on the management port only; readiness lists every check; metrics after a triage")
    void endpoints() throws Exception {
        try (ConfigurableApplicationContext c = new SpringApplicationBuilder(DiscoveryTriageApplication.class).run(
                "--spring.datasource.url=jdbc:h2:file:" + data.resolve("triage").toAbsolutePath(),
                "--triage.discord.enabled=false", "--server.port=0", "--management.server.port=0",
                "--triage.lifecycle-scheduler-enabled=false", "--triage.webhooks.calcom-secret=s3cret")) {
            int app = Integer.parseInt(c.getEnvironment().getProperty("local.server.port"));
            int management = Integer.parseInt(c.getEnvironment().getProperty("local.management.port"));
            assertThat(management).isNotEqualTo(app);
            assertThat(c.getEnvironment().getProperty("management.server.address")).isEqualTo("127.0.0.1");

            // a prospect goes through a triage that a gate decides
            ProspectId prospect = new ProspectId("console:metric-person-4711");
            ConversationService conversations = c.getBean(ConversationService.class);
            conversations.handle(prospect, new Command.Start("product-leadership", "Metric Person"));
            for (String answer : List.of("Secretcorp, founder", "3 people", "", "yes")) {
                conversations.handle(prospect, new Command.Answer(answer));
            }
            conversations.handle(prospect, new Command.Confirm());

            // liveness: the process only; readiness: database, outbox, lifecycle, webhooks
            HttpResponse<String> liveness = get(management, "/actuator/health/liveness");
            assertThat(liveness.statusCode()).isEqualTo(200);
            assertThat(liveness.body()).contains("\"status\":\"UP\"").doesNotContain("\"db\"");
            HttpResponse<String> readiness = get(management, "/actuator/health/readiness");
            assertThat(readiness.statusCode()).isEqualTo(200);
            assertThat(readiness.body()).contains("\"db\"", "\"cardOutbox\"", "\"lifecycle\"", "\"webhooks\"",
                    "\"calcom\":\"configured\"", "\"calendly\":\"not configured\"").doesNotContain("s3cret");

            // only health and prometheus; nothing on the application port
            assertThat(get(management, "/actuator/env").statusCode()).isEqualTo(404);
            assertThat(get(management, "/actuator/beans").statusCode()).isEqualTo(404);
            assertThat(get(app, "/actuator/health").statusCode()).isEqualTo(404);

            // a webhook without a signature is refused (401) and counted by provider and status
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app + "/webhooks/booking/calcom"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json")
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);

            String metrics = get(management, "/actuator/prometheus").body();
            assertThat(metrics).contains(
                    "triage_started_total{application=\"discovery-triage\",diagnostic=\"product-leadership\"} 1.0",
                    "triage_decided_total{application=\"discovery-triage\",diagnostic=\"product-leadership\","
                            + "outcome_kind=\"alternative\"} 1.0",
                    "triage_answer_processing_seconds_count{application=\"discovery-triage\",command=\"answer\","
                            + "outcome=\"ok\"} 4",
                    "triage_answer_processing_seconds_bucket{",
                    "triage_outbox_backlog_cards{",
                    "triage_outbox_lag_seconds{",
                    "triage_webhooks_total{application=\"discovery-triage\",provider=\"calcom\",status=\"401\"} 1.0");
            // no label value names the prospect, their name or an answer
            Matcher labels = Pattern.compile("\\{([^}]*)}").matcher(metrics);
            while (labels.find()) {
                assertThat(labels.group(1)).doesNotContain("4711", "Metric", "metric-person", "Secretcorp");
            }
        }
    }
}
