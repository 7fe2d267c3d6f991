package jlab.engine.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import jlab.engine.EngineException;

/**
 * A content address, {@code sha256:} and 64 hex digits: the SHA-256 of a blob's
 * bytes. Everything in an image is named this way (the OCI image spec's
 * "descriptor"): a layer by the digest of its tar, the config by the digest of
 * its JSON, the image itself by the digest of its manifest. Change one byte and
 * the name changes, so a name proves the content.
 */
public record Digest(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public Digest {
        if (!HEX.matcher(hex).matches()) throw new EngineException("not a sha256 digest: " + hex);
    }

    /** {@code sha256:HEX}, as the OCI spec and Docker write it. */
    public static Digest parse(String s) {
        if (s == null || !s.startsWith("sha256:") || !HEX.matcher(s.substring(7)).matches()) {
            throw new EngineException("not a sha256 digest: " + s + " (expected sha256: and 64 hex digits)");
        }
        return new Digest(s.substring(7));
    }

    public static boolean looksLike(String s) {
        return s != null && s.startsWith("sha256:") && HEX.matcher(s.substring(7)).matches();
    }

    public static Digest of(byte[] bytes) {
        return new Digest(HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The first 12 hex digits: Docker's short IMAGE ID. */
    public String shortHex() { return hex.substring(0, 12); }

    @Override
    public String toString() { return "sha256:" + hex; }

    /** An input stream that digests and counts what is read through it. */
    public static final class Counting extends FilterInputStream {
        private final MessageDigest md = sha256();
        private long size;
        private Digest result;

        public Counting(InputStream in) { super(in); }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                md.update((byte) b);
                size++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                size += n;
            }
            return n;
        }

        /** Reads what is left, so that the digest covers the whole stream. */
        public Counting drain() throws IOException {
            byte[] buf = new byte[65536];
            while (read(buf, 0, buf.length) >= 0) { /* digest it */ }
            return this;
        }

        /** The digest of what was read (computed once: MessageDigest.digest() resets it). */
        public Digest digest() {
            if (result == null) result = new Digest(HexFormat.of().formatHex(md.digest()));
            return result;
        }

        public long size() { return size; }
    }
}
