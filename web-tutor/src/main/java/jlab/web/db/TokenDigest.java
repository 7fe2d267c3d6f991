package jlab.web.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the database keeps of a student's token: its SHA-256, in hex.
 *
 * <p>Why a fast hash is enough here, when passwords need a slow one: a token
 * is 256 random bits, so nobody can try candidates against a stolen hash (a
 * password is a few words a person chose, and a slow hash is what makes
 * guessing it expensive). And why the server needs no more than the hash:
 * the student sends the token itself as the bearer of each submission; its
 * hash finds the student, and the token just received verifies the HMAC.
 */
public final class TokenDigest {
    private TokenDigest() {}

    public static String of(String token) {
        return of(token.getBytes(StandardCharsets.UTF_8));
    }

    public static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
