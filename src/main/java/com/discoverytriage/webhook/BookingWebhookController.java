package com.discoverytriage.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /webhooks/booking/calcom} and {@code POST /webhooks/booking/calendly}: raw body, signature header. */
@RestController
public class BookingWebhookController {

    static final String CALCOM_HEADER = "X-Cal-Signature-256";
    static final String CALENDLY_HEADER = "Calendly-Webhook-Signature";

    private final BookingWebhooks webhooks;

    public BookingWebhookController(BookingWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/booking/calcom")
    ResponseEntity<Void> calcom(HttpServletRequest request) throws IOException {
        return handle(BookingWebhooks.Provider.CALCOM, request, request.getHeader(CALCOM_HEADER));
    }

    @PostMapping("/webhooks/booking/calendly")
    ResponseEntity<Void> calendly(HttpServletRequest request) throws IOException {
        return handle(BookingWebhooks.Provider.CALENDLY, request, request.getHeader(CALENDLY_HEADER));
    }

    private ResponseEntity<Void> handle(BookingWebhooks.Provider provider, HttpServletRequest request, String signature)
            throws IOException {
        long limit = webhooks.maxBody();
        int status = request.getContentLengthLong() > limit
                ? webhooks.receive(provider, new byte[(int) limit + 1], signature)
                : webhooks.receive(provider, read(request.getInputStream(), limit), signature);
        io.micrometer.core.instrument.Metrics.counter("triage.webhooks", "provider", provider.id(),
                "status", String.valueOf(status)).increment();
        return ResponseEntity.status(status).build();
    }

    /** Reads at most {@code limit + 1} bytes: enough to know the body is too large without reading all of it. */
    private static byte[] read(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) limit + 1);
    }
}
