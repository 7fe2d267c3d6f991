package jlab.kernel.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a file descriptor of this process is a terminal, read from
 * {@code /proc/self/fd/N}: the link names the file the descriptor is open on,
 * and a terminal is a device under /dev ({@code /dev/pts/3} for a
 * pseudo-terminal, {@code /dev/tty1} for a console). isatty(3) asks the
 * kernel with ioctl(TCGETS) instead; this answer needs no native code, which
 * matters at start-up, before the prompt (loading jnr-ffi's native stubs
 * costs more than a hundred milliseconds).
 */
public final class Terminals {
    private Terminals() {}

    public static boolean isTerminal(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false; // closed, or no /proc: not a terminal jlab can draw on
        }
    }
}
