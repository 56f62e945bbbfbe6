package com.discoverytriage.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two providers' signature schemes, compared in constant time on the decoded bytes. A good signature answers the
 * HMAC it proved: the same delivery has the same HMAC however its header is spelt (case, spaces, order of parts,
 * extra parts), so replays are keyed on it.
 */
final class Signatures {

    enum Check {
        GOOD, MISSING, BAD, STALE
    }

    /** @param mac the verified HMAC when {@code check} is GOOD (or STALE), else empty */
    record Verified(Check check, byte[] mac) {

        static Verified of(Check check) {
            return new Verified(check, new byte[0]);
        }

        /** The replay key of a good signature: a hash of the provider and the proved HMAC, never the raw header. */
        String replayKey(String provider) {
            return sha256Hex(provider + ":" + HexFormat.of().formatHex(mac));
        }
    }

    private Signatures() {
    }

    /** Cal.com: {@code X-Cal-Signature-256} is the hex HMAC-SHA256 of the raw body with the webhook secret. */
    static Verified calcom(String secret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Verified.of(Check.MISSING);
        }
        byte[] expected = hmac(secret, body);
        return MessageDigest.isEqual(expected, decodeHex(header)) ? new Verified(Check.GOOD, expected)
                : Verified.of(Check.BAD);
    }

    /**
     * Calendly: {@code Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}; the
     * timestamp must be within {@code tolerance} of now (a captured request cannot be replayed later).
     */
    static Verified calendly(String key, byte[] body, String header, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Verified.of(Check.MISSING);
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2 && kv[0].equals("t")) {
                t = kv[1];
            } else if (kv.length == 2 && kv[0].equals("v1")) {
                v1 = kv[1];
            }
        }
        if (t == null || v1 == null || !t.chars().allMatch(Character::isDigit) || t.isEmpty() || t.length() > 12) {
            return Verified.of(Check.BAD);
        }
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        byte[] expected = hmac(key, signed);
        if (!MessageDigest.isEqual(expected, decodeHex(v1))) {
            return Verified.of(Check.BAD);
        }
        long age = Math.abs(now.getEpochSecond() - Long.parseLong(t));
        return new Verified(age > tolerance.getSeconds() ? Check.STALE : Check.GOOD, expected);
    }

    static String hmacHex(String secret, byte[] data) {
        return HexFormat.of().formatHex(hmac(secret, data));
    }

    private static byte[] hmac(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Hex in either case, surrounding spaces ignored; anything else decodes to no bytes (never equal to a MAC). */
    private static byte[] decodeHex(String hex) {
        String h = hex.strip().toLowerCase(Locale.ROOT);
        if (h.length() != 64) {
            return new byte[0];
        }
        try {
            return HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
