package com.discoverytriage.instances;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A round-robin load balancer on 127.0.0.1 in front of the instances' interaction endpoints, as a reverse proxy
 * would be: each POST goes to the next backend; one that refuses the connection is skipped (the request goes to the
 * next); a backend that fails mid-request gives 502, and the sender decides whether to try again.
 */
final class RoundRobinBalancer implements AutoCloseable {

    private final List<String> backends;
    private final HttpServer server;
    private final AtomicInteger next = new AtomicInteger();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RoundRobinBalancer(List<String> backends) {
        this.backends = List.copyOf(backends);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 400);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "balancer");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/discord/interactions";
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int start = Math.floorMod(next.getAndIncrement(), backends.size());
            for (int n = 0; n < backends.size(); n++) {
                String backend = backends.get((start + n) % backends.size());
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(backend))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "X-Signature-Ed25519", "X-Signature-Timestamp")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> response;
                try {
                    response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                } catch (java.net.ConnectException e) {
                    continue; // that instance is gone: the next one
                } catch (IOException e) {
                    exchange.sendResponseHeaders(502, -1);
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    exchange.sendResponseHeaders(502, -1);
                    return;
                }
                response.headers().firstValue("Content-Type")
                        .ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                byte[] out = response.body();
                exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
                return;
            }
            exchange.sendResponseHeaders(503, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
