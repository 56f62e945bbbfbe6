package com.discoverytriage.discord.http;

import java.net.http.HttpClient;
import java.util.function.Consumer;

/**
 * Customises the HTTP client that sends interaction callbacks, {@code @original} edits and followups (see
 * {@link InteractionCallbacks}); none in production. A test gives it the same proxy selector and trust that it gives
 * the Javacord builder, so both reach the same loopback stand-in.
 */
public interface DiscordHttpCustomiser extends Consumer<HttpClient.Builder> {
}
