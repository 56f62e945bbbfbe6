package com.discoverytriage.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.discoverytriage.DiscoveryTriageApplication;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 9, item 2: 200 connections trickling one byte every few seconds held every Tomcat worker, and a correctly
 * signed webhook then timed out. Here, on 127.0.0.1 with the real application and Tomcat: {@value #SLOW} slow
 * uploads are open and trickling; a good webhook must still be answered, and every slow upload must be cut (a
 * response or the connection closed) once the bounded read time is over. Times are printed, never asserted: they
 * are reported in the README.
 */
@DisplayName("Slow uploads neither hold the webhook endpoint nor stay open past the read deadline")
class SlowUploadTest {

    static final int SLOW = 500;
    private static final String SECRET = "slow-upload-test-secret";

    @Test
    void givenFiveHundredSlowUploads_whenAGoodWebhookArrives_thenItIsAnsweredAndTheSlowOnesAreCut() throws Exception {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(DiscoveryTriageApplication.class)
                .web(WebApplicationType.SERVLET)
                .run("--server.port=0", "--server.address=127.0.0.1",
                        "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                        "--triage.discord.enabled=false", "--triage.lifecycle-scheduler-enabled=false",
                        "--triage.webhooks.calcom-secret=" + SECRET, "--triage.webhooks.read-timeout=2s",
                        "--logging.level.root=WARN")) {
            int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            HttpClient client = HttpClient.newHttpClient();
            // a first delivery before the slow ones open: the timings below are of a warm application
            assertThat(deliver(client, port, Instant.now()).statusCode()).isEqualTo(202);
            List<Socket> slow = new ArrayList<>();
            Instant opened = Instant.now();
            try {
                for (int n = 0; n < SLOW; n++) {
                    Socket s = new Socket(loopback, port);
                    s.getOutputStream().write(("POST /webhooks/booking/calcom HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Content-Type: application/json\r\nX-Cal-Signature-256: 00\r\nContent-Length: 10000\r\n\r\n{")
                            .getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                }
                Thread trickle = new Thread(() -> {
                    try {
                        while (!Thread.currentThread().isInterrupted()) {
                            for (Socket s : slow) {
                                try {
                                    s.getOutputStream().write(' ');
                                } catch (IOException closed) {
                                    // cut by the server: what we want
                                }
                            }
                            Thread.sleep(500);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "trickle");
                trickle.setDaemon(true);
                trickle.start();
                Thread.sleep(500);

                List<Long> goodTook = new ArrayList<>();
                for (int n = 0; n < 3; n++) {
                    Instant sent = Instant.now();
                    HttpResponse<Void> answer = deliver(client, port, sent.plusMillis(n));
                    goodTook.add(Duration.between(sent, Instant.now()).toMillis());
                    assertThat(answer.statusCode()).as("signed, no triage matches: accepted").isEqualTo(202);
                }

                int cut = 0;
                Instant deadline = opened.plusSeconds(25);
                for (Socket s : slow) {
                    if (cutByServer(s, deadline)) {
                        cut++;
                    }
                }
                Duration allCut = Duration.between(opened, Instant.now());
                trickle.interrupt();
                System.out.printf("slow uploads: %d open; good webhooks answered in %s ms; %d of %d cut within %d ms "
                        + "of opening (read timeout 2s)%n", SLOW, goodTook, cut, SLOW, allCut.toMillis());
                assertThat(cut).as("slow uploads cut by the server").isEqualTo(SLOW);
            } finally {
                for (Socket s : slow) {
                    s.close();
                }
            }
        }
    }

    private static HttpResponse<Void> deliver(HttpClient client, int port, Instant createdAt) throws Exception {
        byte[] body = BookingWebhooksTest.calcom("BOOKING_CREATED", "no-such-triage", "2025-03-10T15:00:00Z", createdAt);
        HttpRequest good = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/booking/calcom"))
                .header("X-Cal-Signature-256", Signatures.hmacHex(SECRET, body))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return client.send(good, HttpResponse.BodyHandlers.discarding());
    }

    /** True when the server answered or closed the connection; false when it is still waiting for the body. */
    private static boolean cutByServer(Socket s, Instant deadline) {
        try {
            s.setSoTimeout((int) Math.max(1, Duration.between(Instant.now(), deadline).toMillis()));
            InputStream in = s.getInputStream();
            return in.read() != -2; // any byte (a status line) or -1 (closed)
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
