package jlab.web.terminal;

/**
 * The last bytes a terminal printed, at most {@code capacity} of them: what a
 * reconnecting page replays so that the student sees the screen as they left
 * it. A ring: when full, the oldest bytes go.
 *
 * <p>A replay that starts in the middle of a line (or of an escape sequence,
 * or of a UTF-8 character) would draw garbage, so once bytes have been lost
 * the replay starts after the first newline still kept.
 */
final class Scrollback {
    private final byte[] ring;
    private long written; // bytes ever appended; the next one goes at written % capacity

    Scrollback(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("scrollback capacity must be positive: " + capacity);
        ring = new byte[capacity];
    }

    synchronized void append(byte[] data) {
        // Byte k of the stream lives at ring[k % capacity]; of a chunk longer than the ring only its tail can stay.
        int from = Math.max(0, data.length - ring.length);
        for (int i = from; i < data.length; ) {
            int at = (int) ((written + i) % ring.length);
            int n = Math.min(data.length - i, ring.length - at);
            System.arraycopy(data, i, ring, at, n);
            i += n;
        }
        written += data.length;
    }

    /** The kept bytes, oldest first; trimmed to a line start if older bytes were dropped. */
    synchronized byte[] snapshot() {
        int size = (int) Math.min(written, ring.length);
        byte[] out = new byte[size];
        int start = (int) ((written - size) % ring.length);
        int first = Math.min(size, ring.length - start);
        System.arraycopy(ring, start, out, 0, first);
        System.arraycopy(ring, 0, out, first, size - first);
        if (written <= ring.length) return out;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == '\n') return java.util.Arrays.copyOfRange(out, i + 1, out.length);
        }
        return new byte[0]; // one line longer than the whole ring: nothing sensible to replay
    }
}
