package com.discoverytriage.discord.http;

import com.discoverytriage.discord.Fixtures;
import com.discoverytriage.discord.card.ConsultantDesk;
import com.discoverytriage.discord.interaction.DataRights;
import com.discoverytriage.discord.interaction.InteractionProperties;
import com.discoverytriage.discord.interaction.InteractionReceipts;
import com.discoverytriage.discord.interaction.InteractionWiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.discoverytriage.conversation.ConversationService;
import com.discoverytriage.export.TriageExport;
import com.discoverytriage.fixtures.MigratedDatabase;
import com.discoverytriage.lifecycle.ForgetService;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/**
 * Issue 13: "every interaction is applied at most once, even when Discord or a load balancer delivers it twice".
 * Over HTTP, two instances (each its own endpoint and memory) on one database receive the same signed
 * {@code /triage-export}: both answer it within the request (deferred, callback type 5, Discord keeps the first),
 * and the triages are read and exported once.
 */
@DisplayName("HTTP interactions: the same interaction posted to two instances is acknowledged by both, applied once")
class HttpExactlyOnceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    /** Manage Server (1 << 5) in the home server: the consultant. */
    private static final String EXPORT = """
            {"id":"1300000000000000101","application_id":"1300000000000000002","type":2,"token":"t-1","version":1,
             "guild_id":"%d","channel_id":"1300000000000000004",
             "member":{"permissions":"32","roles":[],"user":{"id":"1300000000000000005","username":"cee"}},
             "data":{"id":"1300000000000000006","name":"triage-export","type":1}}""".formatted(Fixtures.HOME);

    private final KeyPair keys = HttpInteractionEndpointTest.keyPair();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final JdbcTemplate sharedDatabase = new JdbcTemplate(MigratedDatabase.fresh());
    private final TriageExport export = mock(TriageExport.class);
    private final InteractionCallbacks callbacks = new InteractionCallbacks(HttpClient.newHttpClient(),
            new InteractionProperties(java.net.URI.create("http://127.0.0.1:9/api"), Duration.ofSeconds(1), 1,
                    Duration.ofMillis(500)));

    private HttpInteractionEndpoint instance() {
        var interactions = InteractionWiring.of(mock(ConversationService.class),
                com.discoverytriage.discord.interaction.CustomIds.derivedFrom("test-secret"), mock(ConsultantDesk.class),
                Runnable::run, Fixtures.POLICY)
                .dataRights(mock(ForgetService.class), export, clock, DataRights.MAX_ATTACHMENT_BYTES)
                .receipts(new InteractionReceipts(sharedDatabase, clock))
                .build();
        return new HttpInteractionEndpoint(new HttpInteractionProperties(HttpInteractionEndpointTest.publicKeyHex(keys),
                "/discord/interactions", DataSize.ofKilobytes(8), Duration.ofMinutes(5), Duration.ofMillis(500)),
                interactions, callbacks, 0, clock);
    }

    @Test
    void givenTheSameExportPostedToTwoInstances_whenBothAnswer_thenBothDeferAndTheTriagesAreExportedOnce() throws Exception {
        when(export.rows(any(), any())).thenReturn(List.of());

        MockHttpServletResponse first = post(instance(), EXPORT);
        MockHttpServletResponse second = post(instance(), EXPORT);

        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(second.getStatus()).isEqualTo(200);
        assertThat(JSON.readTree(first.getContentAsByteArray()).path("type").asInt()).isEqualTo(5);
        assertThat(JSON.readTree(second.getContentAsByteArray()).path("type").asInt()).isEqualTo(5);
        verify(export, times(1)).rows(any(), any());
    }

    private MockHttpServletResponse post(HttpInteractionEndpoint endpoint, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/discord/interactions");
        request.setContentType("application/json");
        request.setContent(bytes);
        String timestamp = HttpInteractionEndpointTest.timestamp(NOW);
        request.addHeader("X-Signature-Timestamp", timestamp);
        request.addHeader("X-Signature-Ed25519", HttpInteractionEndpointTest.sign(keys, timestamp, bytes));
        MockHttpServletResponse response = new MockHttpServletResponse();
        endpoint.receive(request, response);
        return response;
    }
}
