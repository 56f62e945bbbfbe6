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

/** The two providers' signature schemes, compared in constant time. */
final class Signatures {

    enum Check {
        GOOD, MISSING, BAD, STALE
    }

    private Signatures() {
    }

    /** Cal.com: {@code X-Cal-Signature-256} is the hex HMAC-SHA256 of the raw body with the webhook secret. */
    static Check calcom(String secret, byte[] body, String header) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
        }
        return equal(hmacHex(secret, body), header.strip().toLowerCase(Locale.ROOT)) ? Check.GOOD : Check.BAD;
    }

    /**
     * Calendly: {@code Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}; the
     * timestamp must be within {@code tolerance} of now (a captured request cannot be replayed later).
     */
    static Check calendly(String key, byte[] body, String header, Instant now, Duration tolerance) {
        if (header == null || header.isBlank()) {
            return Check.MISSING;
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
            return Check.BAD;
        }
        byte[] prefix = (t + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        if (!equal(hmacHex(key, signed), v1.strip().toLowerCase(Locale.ROOT))) {
            return Check.BAD;
        }
        long age = Math.abs(now.getEpochSecond() - Long.parseLong(t));
        return age > tolerance.getSeconds() ? Check.STALE : Check.GOOD;
    }

    static String hmacHex(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
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

    private static boolean equal(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }
}
