package com.discoverytriage.loopback;

import org.javacord.api.DiscordApi;
import org.javacord.api.DiscordApiBuilder;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Points the real Javacord 3.8 client at a {@link LoopbackDiscord}, the way Javacord's own source allows it:
 * the static gateway URL of {@code DiscordWebSocketAdapter} for the websocket, and for REST a proxy selector that
 * tunnels {@code https://discord.com} to the stand-in plus {@code setTrustAllCertificates(true)} (the stand-in's
 * certificate is generated at test time).
 *
 * <p>{@code DiscordWebSocketAdapter} lives in javacord-core, which is only a runtime dependency; it is reached by
 * reflection so that no code compiles against Javacord's internals.
 */
public final class JavacordLoopback {

    private static final String WEBSOCKET_ADAPTER = "org.javacord.core.util.gateway.DiscordWebSocketAdapter";

    private JavacordLoopback() {
    }

    /** A builder with the stand-in's token, proxy selector and trust-all; also sets Javacord's static gateway. */
    public static DiscordApiBuilder builder(LoopbackDiscord discord) {
        setGateway(discord.gatewayUrl());
        return new DiscordApiBuilder()
                .setToken(discord.token())
                .setProxySelector(discord.proxySelector())
                .setTrustAllCertificates(true)
                .setShutdownHookRegistrationEnabled(false);
    }

    /** Logs in, waits for READY (and the guild), and disconnects when the stand-in closes. */
    public static DiscordApi login(LoopbackDiscord discord, DiscordApiBuilder builder, Duration timeout) {
        try {
            DiscordApi api = builder.login().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            discord.onClose(() -> api.disconnect().get(5, TimeUnit.SECONDS));
            return api;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while logging in", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Javacord did not log in to the loopback Discord within " + timeout, e);
        }
    }

    /** Sets Javacord's static gateway URL (null makes Javacord ask {@code GET /gateway} again). */
    public static void setGateway(String url) {
        try {
            Class.forName(WEBSOCKET_ADAPTER).getMethod("setGateway", String.class).invoke(null, url);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Javacord 3.8's " + WEBSOCKET_ADAPTER + ".setGateway is not available", e);
        }
    }

    /** Forgets the static gateway URL, so the next test's client does not reach a stopped stand-in. */
    public static void resetGateway() {
        setGateway(null);
    }

    /**
     * Closes the TCP socket under Javacord's gateway websocket, as a watchdog would on a zombie connection: Javacord
     * sees the connection lost, reconnects after its reconnect delay and RESUMEs the session. Uses Javacord's
     * internals by reflection ({@code DiscordApiImpl#getWebSocketAdapter}, {@code getWebSocket}, nv-websocket's
     * {@code getSocket}).
     */
    public static void dropGatewaySocket(DiscordApi api) {
        try {
            Object adapter = api.getClass().getMethod("getWebSocketAdapter").invoke(api);
            Object webSocket = adapter.getClass().getMethod("getWebSocket").invoke(adapter);
            java.net.Socket socket = (java.net.Socket) webSocket.getClass().getMethod("getSocket").invoke(webSocket);
            socket.close();
        } catch (ReflectiveOperationException | java.io.IOException e) {
            throw new IllegalStateException("could not drop Javacord's gateway socket", e);
        }
    }
}
