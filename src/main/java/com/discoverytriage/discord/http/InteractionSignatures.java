package com.discoverytriage.discord.http;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Discord's request signature (developer documentation, "Interactions > Receiving and Responding > Security and
 * Authorization"): {@code X-Signature-Ed25519} is the hex Ed25519 signature of {@code X-Signature-Timestamp}
 * followed by the raw body, made with the application's key; the portal shows the public key as 64 hex characters.
 * Verified with the JDK's own EdDSA.
 */
final class InteractionSignatures {

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (RFC 8410): the raw 32-byte key follows. */
    private static final byte[] ED25519_X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey key;

    private InteractionSignatures(PublicKey key) {
        this.key = key;
    }

    static InteractionSignatures of(String publicKeyHex) {
        byte[] raw = check(publicKeyHex);
        byte[] encoded = new byte[ED25519_X509_PREFIX.length + raw.length];
        System.arraycopy(ED25519_X509_PREFIX, 0, encoded, 0, ED25519_X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, ED25519_X509_PREFIX.length, raw.length);
        try {
            return new InteractionSignatures(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new X509EncodedKeySpec(encoded)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("triage.discord.http.public-key (DISCORD_PUBLIC_KEY) is not an Ed25519"
                    + " public key: copy the Public Key from the developer portal > General Information", e);
        }
    }

    /** The raw key, or a message naming the setting and the fix. */
    static byte[] check(String publicKeyHex) {
        String hex = publicKeyHex.strip();
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("triage.discord.http.public-key (DISCORD_PUBLIC_KEY) must be 64 hex"
                    + " characters, got " + hex.length() + " characters: copy the Public Key from the developer"
                    + " portal > your application > General Information");
        }
        return HexFormat.of().parseHex(hex);
    }

    /** True only for a well-formed signature that matches; never throws on hostile input. */
    boolean verify(String signatureHex, String timestamp, byte[] body) {
        if (signatureHex == null || timestamp == null || !signatureHex.matches("[0-9a-fA-F]{128}")) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(timestamp.getBytes(StandardCharsets.UTF_8));
            verifier.update(body);
            return verifier.verify(HexFormat.of().parseHex(signatureHex));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
