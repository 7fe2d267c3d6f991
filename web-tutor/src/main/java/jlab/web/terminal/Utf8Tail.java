package jlab.web.terminal;

/**
 * Where a chunk of terminal output may be cut without splitting a UTF-8
 * character. The kernel hands us whatever bytes are there ("é" is two bytes,
 * and a read may end between them), but each WebSocket frame we send should
 * decode on its own: so the incomplete tail of a chunk (at most 3 bytes) is
 * held back and sent with the next one.
 */
final class Utf8Tail {
    private Utf8Tail() {}

    /** The length of the longest prefix of {@code b[0..length)} that does not end inside a UTF-8 sequence. */
    static int completeLength(byte[] b, int length) {
        // Walk back over at most 3 continuation bytes (10xxxxxx) to the sequence's leading byte.
        int i = length - 1;
        int continuation = 0;
        while (i >= 0 && continuation < 3 && (b[i] & 0xC0) == 0x80) {
            i--;
            continuation++;
        }
        if (i < 0) return length;
        int lead = b[i] & 0xFF;
        int needed = lead >= 0xF0 && lead < 0xF8 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if (lead < 0x80 || lead >= 0xF8) needed = 1; // ASCII, or not UTF-8 at all: nothing to wait for
        return continuation + 1 >= needed ? length : i;
    }
}
