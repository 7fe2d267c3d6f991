package jlab.web.serve;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2-HMAC-SHA256 from the JDK, a random 16-byte salt per
 * password, {@value #ITERATIONS} iterations (OWASP's figure for this hash in
 * its Password Storage Cheat Sheet), written with its parameters:
 * <pre>pbkdf2-sha256$210000$SALT$HASH</pre> (salt and hash in base64).
 *
 * <p>Why slow: a stolen database must not give the passwords back. People
 * choose passwords an attacker can guess, and every guess now costs 210 000
 * HMACs (about 0.1 s here). Why a salt: two people with one password get two
 * hashes, and nobody can precompute a table for all of them. Why the
 * parameters travel with the hash: when the count is raised, old hashes still
 * verify, and {@link #outdated} tells the login to store a new one.
 */
public final class Passwords {
    public static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final int iterations;

    public Passwords() { this(ITERATIONS); }

    /** With another count: a test's, or a future raise. */
    Passwords(int iterations) { this.iterations = iterations; }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(derive(password, salt, iterations));
    }

    /** Whether {@code password} is the one {@code stored} was made from; compares in constant time. */
    public boolean verify(String password, String stored) {
        return parse(stored).map(p -> MessageDigest.isEqual(derive(password, p.salt(), p.iterations()), p.hash())).orElse(false);
    }

    /** Whether {@code stored} was made with fewer iterations than this class uses now: re-hash at the next login. */
    public boolean outdated(String stored) {
        return parse(stored).map(p -> p.iterations() < iterations).orElse(true);
    }

    private record Parsed(int iterations, byte[] salt, byte[] hash) {}

    private static Optional<Parsed> parse(String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) return Optional.empty();
        try {
            return Optional.of(new Parsed(Integer.parseInt(parts[1]), Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3])));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** A one-time password a person can type: 16 characters of base64url, 96 random bits. */
    public static String oneTime() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
