package com.discoverytriage.discord.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.function.Consumer;
import org.javacord.api.DiscordApi;
import org.javacord.core.util.gateway.PacketHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads gateway dispatches as Discord sent them, before Javacord turns them into entities. Javacord 3.8 builds an
 * interaction only when its channel is in the cache (an {@code AssertionError} in {@code InteractionImpl} otherwise,
 * and the event is lost), and it ignores {@code global_name}. Its gateway adapter keeps one packet handler per
 * dispatch type for the life of the client (reconnects and RESUMEs included); this replaces or wraps the handler of
 * one type. Reached by reflection: Javacord offers no public hook for raw dispatches.
 */
final class JavacordRawEvents {

    private static final Logger log = LoggerFactory.getLogger(JavacordRawEvents.class);

    private JavacordRawEvents() {
    }

    /**
     * Hands every {@code type} dispatch's {@code d} to {@code reader}. With {@code keepJavacord}, Javacord's own
     * handler runs afterwards (its caches stay right); without, only {@code reader} sees the event.
     */
    static void install(DiscordApi api, String type, boolean keepJavacord, Consumer<JsonNode> reader) {
        try {
            Object adapter = api.getClass().getMethod("getWebSocketAdapter").invoke(api);
            Field field = adapter.getClass().getDeclaredField("handlers");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            Map<String, PacketHandler> handlers = (Map<String, PacketHandler>) field.get(adapter);
            PacketHandler javacord = handlers.get(type);
            handlers.put(type, new PacketHandler(api, false, type) {
                @Override
                protected void handle(JsonNode packet) {
                    try {
                        reader.accept(packet);
                    } catch (RuntimeException | Error e) {
                        log.error("handling a {} dispatch failed: {}", type, e.getClass().getSimpleName());
                    }
                    if (keepJavacord && javacord != null) {
                        javacord.handlePacket(packet);
                    }
                }
            });
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + type + " dispatches from Javacord's gateway adapter ("
                    + e.getClass().getSimpleName() + "): is the Javacord version 3.8?", e);
        }
    }
}
