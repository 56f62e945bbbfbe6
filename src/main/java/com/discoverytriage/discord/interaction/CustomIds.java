package com.discoverytriage.discord.interaction;

import com.discoverytriage.discord.render.DiscordText;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and decodes {@link CustomId}s. The nonce is the first 9 bytes of an HMAC-SHA256 of the rest, so ids
 * survive a restart (the key is stable) but cannot be forged or edited by a client.
 */
public final class CustomIds {

    private static final int MAC_BYTES = 9;

    private final SecretKeySpec key;

    public CustomIds(byte[] secret) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the custom id key has at least 16 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    }

    /** A key derived from a secret text (the bot token by default); the text itself is never kept. */
    public static CustomIds derivedFrom(String secret) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("discovery-triage custom id v1\n".getBytes(StandardCharsets.UTF_8));
            return new CustomIds(sha.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public String encode(CustomId id) {
        String body = id.body();
        String encoded = body + ":" + mac(body);
        if (encoded.length() > DiscordText.CUSTOM_ID) {
            throw new IllegalArgumentException("custom id longer than " + DiscordText.CUSTOM_ID + " characters: " + body);
        }
        return encoded;
    }

    /** The id, or empty when it is malformed, too long or its nonce does not match. */
    public Optional<CustomId> decode(String raw) {
        if (raw == null || raw.length() > DiscordText.CUSTOM_ID) {
            return Optional.empty();
        }
        int lastColon = raw.lastIndexOf(':');
        if (lastColon < 0) {
            return Optional.empty();
        }
        String body = raw.substring(0, lastColon);
        String nonce = raw.substring(lastColon + 1);
        if (!MessageDigest.isEqual(mac(body).getBytes(StandardCharsets.US_ASCII), nonce.getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        String[] parts = body.split(":", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CustomId(parts[0], parts[1], Long.parseLong(parts[2]), parts[3]));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private String mac(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] full = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            byte[] shortMac = new byte[MAC_BYTES];
            System.arraycopy(full, 0, shortMac, 0, MAC_BYTES);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(shortMac);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
