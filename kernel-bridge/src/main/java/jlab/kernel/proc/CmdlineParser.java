package jlab.kernel.proc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * /proc/PID/cmdline: the argv the process was started with, each argument ended by
 * a NUL byte ({@code sleep\0 30\0}), read from the process's own memory.
 *
 * <p>Because it is read from the process's memory, a process may rewrite it (some
 * daemons put their status there, with spaces and no NULs), and a zombie or a
 * kernel thread shows nothing. A last argument without its NUL is kept.
 */
final class CmdlineParser {
    private CmdlineParser() {}

    static List<String> parse(byte[] bytes) {
        List<String> args = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                args.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start < bytes.length) args.add(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        return List.copyOf(args);
    }
}
