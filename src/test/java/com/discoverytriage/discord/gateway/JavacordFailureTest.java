package com.discoverytriage.discord.gateway;

import com.discoverytriage.discord.DiscordFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.javacord.api.exception.DiscordException;
import org.javacord.api.util.rest.RestRequestResponseInformation;
import org.javacord.core.util.rest.RestRequestResponseInformationImpl;
import org.javacord.core.util.rest.RestRequestResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Javacord's failures reduced to status, error code and Discord's retry_after")
class JavacordFailureTest {

    private static DiscordException failed(RestRequestResponseInformation response) {
        return new DiscordException(null, "failed", null, response);
    }

    @Test
    @DisplayName("a 429's fractional retry_after in the body becomes the wait, rounded up to the millisecond")
    void retryAfterFromBody() {
        RestRequestResponseInformation response = mock(RestRequestResponseInformation.class);
        when(response.getCode()).thenReturn(429);
        when(response.getBody()).thenReturn(Optional.of(
                "{\"message\": \"You are being rate limited.\", \"retry_after\": 1.2345, \"global\": false}"));

        DiscordFailure f = JavacordSpecs.failure(new CompletionException(failed(response)));

        assertThat(f.status()).isEqualTo(429);
        assertThat(f.transientFailure()).isTrue();
        assertThat(f.retryAfter()).contains(Duration.ofMillis(1235));
    }

    @Test
    @DisplayName("without retry_after in the body, the Retry-After header of the HTTP response is used")
    void retryAfterFromHeader() {
        Response http = new Response.Builder().request(new Request.Builder().url("https://discord.test/api").build())
                .protocol(Protocol.HTTP_1_1).code(429).message("Too Many Requests").header("Retry-After", "7")
                .build();
        RestRequestResult result = mock(RestRequestResult.class);
        when(result.getResponse()).thenReturn(http);
        RestRequestResponseInformationImpl response = mock(RestRequestResponseInformationImpl.class);
        when(response.getCode()).thenReturn(429);
        when(response.getBody()).thenReturn(Optional.of("{\"message\": \"slow down\"}"));
        when(response.getRestRequestResult()).thenReturn(result);

        assertThat(JavacordSpecs.failure(failed(response)).retryAfter()).contains(Duration.ofSeconds(7));
    }

    @Test
    @DisplayName("other failures carry no wait of their own, and keep their error code")
    void noRetryAfterOtherwise() {
        RestRequestResponseInformation response = mock(RestRequestResponseInformation.class);
        when(response.getCode()).thenReturn(503);
        when(response.getBody()).thenReturn(Optional.of("{\"code\": 130000, \"retry_after\": 5}"));

        DiscordFailure f = JavacordSpecs.failure(failed(response));

        assertThat(f.code()).isEqualTo(130000);
        assertThat(f.retryAfter()).isEmpty();
        assertThat(DiscordFailure.retryAfter(Optional.of(-1.0), "soon")).isEmpty();
    }
}
