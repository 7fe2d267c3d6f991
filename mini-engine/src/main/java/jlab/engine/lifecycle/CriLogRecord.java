package jlab.engine.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * One line of containers/ID/container.log, in the CRI log format (the one
 * Kubernetes' kubelet reads), as the supervisor writes it:
 * <pre>2026-12-02T05:00:00.123456789Z stdout F a whole line</pre>
 * {@code F}: the text ends a line (its newline is not stored); {@code P}: a
 * partial line, continued by the next record of the same stream.
 *
 * @param time   RFC 3339, UTC, nanoseconds
 * @param stream stdout or stderr
 * @param text   the bytes the container wrote, without the newline
 */
public record CriLogRecord(String time, String stream, boolean partial, byte[] text) {

    /** Parses one line (without its '\n'); empty if it is not a record (a line cut short by a crash). */
    public static Optional<CriLogRecord> parse(byte[] line) {
        int a = indexOf(line, 0);
        int b = a < 0 ? -1 : indexOf(line, a + 1);
        if (b < 0 || b + 2 > line.length || (line[b + 1] != 'F' && line[b + 1] != 'P')) return Optional.empty();
        int textStart = Math.min(line.length, b + 3);
        return Optional.of(new CriLogRecord(new String(line, 0, a, StandardCharsets.US_ASCII),
                new String(line, a + 1, b - a - 1, StandardCharsets.US_ASCII), line[b + 1] == 'P',
                Arrays.copyOfRange(line, textStart, line.length)));
    }

    private static int indexOf(byte[] line, int from) {
        for (int i = from; i < line.length; i++) if (line[i] == ' ') return i;
        return -1;
    }

    public boolean stderr() { return "stderr".equals(stream); }
}
