package jlab.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets a browser or a student holds: 256 random bits from the system's
 * CSPRNG, written in URL-safe base64 (43 characters, nothing to escape in a
 * URL, a cookie or a CSV cell).
 *
 * <p>Comparing secrets is done in constant time ({@link MessageDigest#isEqual}):
 * {@code String.equals} stops at the first different character, and how long
 * it took tells an attacker how many characters they guessed right.
 */
public final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private Tokens() {}

    /** A new random token: 32 bytes, 43 characters. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }

    /** Whether two secrets are equal, in time that does not depend on where they differ; null is never equal. */
    public static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
