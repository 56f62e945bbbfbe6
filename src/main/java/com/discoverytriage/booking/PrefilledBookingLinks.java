package com.discoverytriage.booking;

import com.discoverytriage.conversation.BookingLinks;
import com.discoverytriage.diagnostic.Diagnostic;
import com.discoverytriage.scoring.Evaluation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The configured booking page with the prospect's name, a one-line summary and the triage reference prefilled as
 * URL-encoded query parameters, added to any query string the page URL already has.
 */
@Component
public final class PrefilledBookingLinks implements BookingLinks {

    private static final Logger LOG = LoggerFactory.getLogger(PrefilledBookingLinks.class);
    static final int SUMMARY_MAX_LENGTH = 200;

    private final BookingProperties properties;

    public PrefilledBookingLinks(BookingProperties properties) {
        this.properties = properties;
        if (properties.url() == null) {
            LOG.warn("{} is not set: book outcomes will tell the prospect that the consultant will reach out.",
                    BookingProperties.KEY);
        }
    }

    @Override
    public Optional<String> linkFor(String triageId, String displayName, Diagnostic diagnostic, Evaluation evaluation) {
        if (evaluation == null || !evaluation.outcome().isBook()) {
            return Optional.empty();
        }
        return prefilled(triageId, displayName, diagnostic, evaluation);
    }

    /** The consultant booked the prospect whatever the rules decided (an override): the same prefilled link. */
    @Override
    public Optional<String> linkForApprovedBooking(String triageId, String displayName, Diagnostic diagnostic,
            Evaluation evaluation) {
        return evaluation == null ? Optional.empty() : prefilled(triageId, displayName, diagnostic, evaluation);
    }

    private Optional<String> prefilled(String triageId, String displayName, Diagnostic diagnostic, Evaluation evaluation) {
        if (properties.url() == null) {
            return Optional.empty();
        }
        StringBuilder query = new StringBuilder();
        append(query, properties.nameParam(), displayName);
        append(query, properties.summaryParam(), oneLineSummary(diagnostic, evaluation));
        append(query, properties.referenceParam(), triageId);
        return Optional.of(withQuery(properties.url(), query.toString()));
    }

    /** e.g. "Product leadership triage: 6 of 9 fit signals, situation: Leadership gap between hires". */
    static String oneLineSummary(Diagnostic diagnostic, Evaluation evaluation) {
        String text = diagnostic.title() + " triage: " + evaluation.signals().yes() + " of "
                + diagnostic.signals().size() + " fit signals"
                + evaluation.matchedProfile()
                        .map(p -> ", " + (diagnostic.profileLabel() == null ? "profile" : diagnostic.profileLabel().toLowerCase(java.util.Locale.ROOT))
                                + ": " + p.title())
                        .orElse("");
        return text.length() <= SUMMARY_MAX_LENGTH ? text : text.substring(0, SUMMARY_MAX_LENGTH - 3) + "...";
    }

    static String withQuery(String url, String query) {
        if (query.isEmpty()) {
            return url;
        }
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        String separator = !base.contains("?") ? "?" : base.endsWith("?") || base.endsWith("&") ? "" : "&";
        return base + separator + query + fragment;
    }

    private static void append(StringBuilder query, String param, String value) {
        if (param == null || param.isEmpty() || value == null || value.isBlank()) {
            return;
        }
        if (query.length() > 0) {
            query.append('&');
        }
        query.append(encode(param)).append('=').append(encode(value));
    }

    /** Form encoding turns spaces into '+', which some booking pages show literally; use %20 instead. */
    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
