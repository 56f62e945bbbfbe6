package com.discoverytriage.booking;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a book outcome sends the prospect ({@code triage.booking.*}).
 *
 * @param url            the strategy-call page (Calendly, Cal.com, ...); blank or absent: no link, the outcome says
 *                       the consultant will reach out
 * @param nameParam      query parameter that prefills the prospect's name (Calendly and Cal.com: {@code name})
 * @param summaryParam   query parameter that prefills a one-line summary (Cal.com: {@code notes}; Calendly: the
 *                       first custom question, {@code a1})
 * @param referenceParam query parameter that carries the triage reference (e.g. Calendly {@code utm_content}, which
 *                       comes back in its webhooks)
 *
 * <p>An empty parameter name leaves that value out of the link.
 */
@ConfigurationProperties("triage.booking")
public record BookingProperties(String url, String nameParam, String summaryParam, String referenceParam) {

    public static final String KEY = "triage.booking.url";

    public BookingProperties {
        url = url == null || url.isBlank() ? null : url.trim();
        nameParam = nameParam == null ? "name" : nameParam.trim();
        summaryParam = summaryParam == null ? "notes" : summaryParam.trim();
        referenceParam = referenceParam == null ? "ref" : referenceParam.trim();
        if (url != null) {
            requireHttpUrl(url);
        }
    }

    private static void requireHttpUrl(String url) {
        String problem = null;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                problem = "it does not start with https:// (or http://)";
            } else if (uri.getHost() == null || uri.getHost().isBlank()) {
                problem = "it has no host name";
            }
        } catch (URISyntaxException e) {
            problem = "it is not a valid URL (" + e.getReason() + " at character " + e.getIndex() + ")";
        }
        if (problem != null) {
            throw new IllegalArgumentException(KEY + " is malformed: " + problem + ". Fix: set " + KEY
                    + " to the full address of the booking page, e.g. https://cal.com/you/strategy-call,"
                    + " or remove it to have book outcomes say the consultant will reach out.");
        }
    }
}
