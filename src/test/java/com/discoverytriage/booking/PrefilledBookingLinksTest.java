package com.discoverytriage.booking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.discoverytriage.diagnostic.Answers;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.fixtures.ConsoleFixtures;
import com.discoverytriage.scoring.Evaluation;
import com.discoverytriage.scoring.Rules;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrefilledBookingLinksTest {

    private final Diagnostic diagnostic = ConsoleFixtures.tiny();
    private final Evaluation book = new Rules().evaluate(diagnostic,
            new Answers(Map.of("early", "no", "s1", "yes", "s2", "yes", "s3", "no")));
    private final Evaluation alternative = new Rules().evaluate(diagnostic,
            new Answers(Map.of("early", "yes")));

    private static PrefilledBookingLinks links(String url) {
        return new PrefilledBookingLinks(new BookingProperties(url, null, null, null));
    }

    private static Map<String, String> query(String link) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8), URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    @DisplayName("a non-ASCII name with & and # arrives intact and cannot break the link")
    void encodesNonAsciiAndSpecialCharacters() {
        // given a prospect whose name has accents, an ampersand and a hash
        String name = "Zoë & Łukasz #1";

        // when the link is made
        String link = links("https://cal.com/consultant/strategy-call").linkFor("T-42", name, diagnostic, book).orElseThrow();

        // then every value decodes back to what was given, and nothing leaks into the fragment
        assertThat(link).startsWith("https://cal.com/consultant/strategy-call?name=");
        assertThat(link).doesNotContain(" ").doesNotContain("#").doesNotContain("ë");
        assertThat(URI.create(link).getFragment()).isNull();
        Map<String, String> params = query(link);
        assertThat(params.get("name")).isEqualTo(name);
        assertThat(params.get("ref")).isEqualTo("T-42");
        assertThat(params.get("notes")).startsWith("Tiny leadership triage: 2 of 3 fit signals");
    }

    @Test
    @DisplayName("a booking URL that already has a query string and a fragment keeps both")
    void appendsToExistingQuery() {
        // given a Calendly-style URL with its own parameters and a fragment
        PrefilledBookingLinks links = new PrefilledBookingLinks(new BookingProperties(
                "https://calendly.com/consultant/call?month=2025-01#top", "name", "a1", "utm_content"));

        // when the link is made
        String link = links.linkFor("T-7", "Ada", diagnostic, book).orElseThrow();

        // then the parameters follow the existing ones and the fragment stays at the end
        assertThat(link).startsWith("https://calendly.com/consultant/call?month=2025-01&name=Ada&a1=");
        assertThat(link).endsWith("&utm_content=T-7#top");
    }

    @Test
    @DisplayName("no booking URL configured: no link, so the outcome says the consultant will reach out")
    void noUrlNoLink() {
        assertThat(links(null).linkFor("T-1", "Ada", diagnostic, book)).isEmpty();
        assertThat(links("   ").linkFor("T-1", "Ada", diagnostic, book)).isEmpty();
    }

    @Test
    @DisplayName("an alternative outcome never gets a booking link")
    void alternativeHasNoLink() {
        assertThat(links("https://cal.com/x").linkFor("T-1", "Ada", diagnostic, alternative)).isEmpty();
    }

    @Test
    @DisplayName("a booking the consultant approved against the rules gets the same prefilled link as a book outcome")
    void approvedBookingOfAnAlternative() {
        // given the rules sent the prospect to an alternative
        PrefilledBookingLinks links = links("https://cal.com/x");

        // when the consultant overrides it and the link is asked for as an approved booking
        String link = links.linkForApprovedBooking("T-9", "Ada", diagnostic, alternative).orElseThrow();

        // then it is the booking page with name, summary and reference, encoded as for a book outcome
        Map<String, String> params = query(link);
        assertThat(link).startsWith("https://cal.com/x?name=Ada");
        assertThat(params.get("ref")).isEqualTo("T-9");
        assertThat(params.get("notes")).startsWith("Tiny leadership triage: ");
        assertThat(links.linkForApprovedBooking("T-9", "Ada", diagnostic, book))
                .isEqualTo(links.linkFor("T-9", "Ada", diagnostic, book));
        assertThat(links(null).linkForApprovedBooking("T-9", "Ada", diagnostic, alternative)).isEmpty();
    }

    @Test
    @DisplayName("an empty parameter name leaves that value out of the link")
    void emptyParamLeavesValueOut() {
        PrefilledBookingLinks links = new PrefilledBookingLinks(new BookingProperties("https://cal.com/x?", "name", "", ""));
        assertThat(links.linkFor("T-1", "Ada Lovelace", diagnostic, book)).contains("https://cal.com/x?name=Ada%20Lovelace");
    }

    @Test
    @DisplayName("a malformed booking URL is refused, naming the key and the fix")
    void malformedUrlRefused() {
        assertThatThrownBy(() -> new BookingProperties("cal.com/consultant", null, null, null))
                .hasMessageContaining("triage.booking.url").hasMessageContaining("Fix:");
        assertThatThrownBy(() -> new BookingProperties("https://cal com/x", null, null, null))
                .hasMessageContaining("triage.booking.url");
    }
}
