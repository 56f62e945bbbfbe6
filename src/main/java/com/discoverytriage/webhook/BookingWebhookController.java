package com.discoverytriage.webhook;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/booking/calcom} and {@code POST /webhooks/booking/calendly}: raw body, signature header.
 *
 * <p>The body is read without blocking a server thread (Servlet non-blocking I/O): a client that sends its body
 * slowly holds a connection, never a worker, and is cut with 408 once {@code triage.webhooks.read-timeout} has passed
 * since its request arrived, however it paces its bytes. So slow uploads cannot keep a good webhook waiting.
 */
@RestController
public class BookingWebhookController {

    static final String CALCOM_HEADER = "X-Cal-Signature-256";
    static final String CALENDLY_HEADER = "Calendly-Webhook-Signature";

    private static final Logger log = LoggerFactory.getLogger(BookingWebhookController.class);

    private final BookingWebhooks webhooks;

    public BookingWebhookController(BookingWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping("/webhooks/booking/calcom")
    void calcom(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(BookingWebhooks.Provider.CALCOM, request, response, request.getHeader(CALCOM_HEADER));
    }

    @PostMapping("/webhooks/booking/calendly")
    void calendly(HttpServletRequest request, HttpServletResponse response) throws IOException {
        handle(BookingWebhooks.Provider.CALENDLY, request, response, request.getHeader(CALENDLY_HEADER));
    }

    private void handle(BookingWebhooks.Provider provider, HttpServletRequest request, HttpServletResponse response,
            String signature) throws IOException {
        long limit = webhooks.maxBody();
        if (request.getContentLengthLong() > limit) {
            response.setStatus(counted(provider, webhooks.receive(provider, new byte[(int) limit + 1], signature)));
            response.setHeader("Connection", "close");
            return;
        }
        if (!request.isAsyncSupported()) {
            // a container without async support (a mock): a plain bounded read
            response.setStatus(counted(provider, webhooks.receive(provider, read(request.getInputStream(), limit), signature)));
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(webhooks.readTimeout().toMillis());
        ServletInputStream in = request.getInputStream();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        AtomicBoolean answered = new AtomicBoolean();
        Runnable tooSlow = () -> {
            if (answered.compareAndSet(false, true)) {
                log.warn("{} webhook refused (408): body not received within {}", provider.id(), webhooks.readTimeout());
                finish(provider, async, HttpServletResponse.SC_REQUEST_TIMEOUT, true);
            }
        };
        async.addListener(new AsyncListener() {
            @Override
            public void onTimeout(AsyncEvent event) {
                tooSlow.run();
            }

            @Override
            public void onError(AsyncEvent event) {
                answered.set(true);
            }

            @Override
            public void onComplete(AsyncEvent event) {
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
            }
        });
        in.setReadListener(new ReadListener() {
            private final byte[] buffer = new byte[8192];

            @Override
            public void onDataAvailable() throws IOException {
                while (in.isReady() && !in.isFinished()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    body.write(buffer, 0, n);
                    if (body.size() > limit) {
                        if (answered.compareAndSet(false, true)) {
                            finish(provider, async, webhooks.receive(provider, body.toByteArray(), signature), true);
                        }
                        return;
                    }
                }
            }

            @Override
            public void onAllDataRead() {
                if (answered.compareAndSet(false, true)) {
                    int status;
                    try {
                        status = webhooks.receive(provider, body.toByteArray(), signature);
                    } catch (RuntimeException e) {
                        log.error("{} webhook failed: {}", provider.id(), e.getClass().getSimpleName());
                        status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
                    }
                    finish(provider, async, status, false);
                }
            }

            @Override
            public void onError(Throwable t) {
                if (answered.compareAndSet(false, true)) {
                    log.info("{} webhook: the connection failed while its body was read", provider.id());
                    finish(provider, async, HttpServletResponse.SC_BAD_REQUEST, true);
                }
            }
        });
    }

    /** Counts a webhook answer by provider and status (no body, signature or prospect in the labels). */
    private static int counted(BookingWebhooks.Provider provider, int status) {
        io.micrometer.core.instrument.Metrics.counter("triage.webhooks", "provider", provider.id(),
                "status", String.valueOf(status)).increment();
        return status;
    }

    private static void finish(BookingWebhooks.Provider provider, AsyncContext async, int status, boolean close) {
        counted(provider, status);
        try {
            HttpServletResponse response = (HttpServletResponse) async.getResponse();
            response.setStatus(status);
            if (close) {
                // the rest of the body is not waited for: the connection ends with this answer
                response.setHeader("Connection", "close");
            }
        } finally {
            async.complete();
        }
    }

    /** Reads at most {@code limit + 1} bytes: enough to know the body is too large without reading all of it. */
    private static byte[] read(InputStream in, long limit) throws IOException {
        return in.readNBytes((int) limit + 1);
    }
}
