package jlab.labs.grade;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104) keyed with a student's token: whoever holds the
 * token — the student and the instructor's roster — can make or verify it;
 * anyone else who changes a byte of what it covers is found out.
 */
final class Hmac {
    private Hmac() {}

    /** The HMAC of {@code data} under {@code token} (its UTF-8 bytes), in lower-case hex. */
    static String sha256Hex(String token, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Compares in constant time: how long it takes says nothing about where the first difference is. */
    static boolean matches(String expectedHex, String actualHex) {
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
                actualHex.getBytes(StandardCharsets.US_ASCII));
    }
}
