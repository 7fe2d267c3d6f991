package jlab.kernel.syscall;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The inode that names a namespace, read as {@code readlink /proc/PID/ns/uts}
 * prints it: {@code uts:[4026531838]}. Two tasks share a namespace exactly when
 * their links name the same inode.
 */
public final class NsInode {
    private NsInode() {}

    public static long of(Path link) {
        try {
            String text = Files.readSymbolicLink(link).toString();
            return Long.parseLong(text.substring(text.indexOf('[') + 1, text.indexOf(']')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code /proc/PID/ns/NAME}, e.g. {@code of(pid, "uts")} or {@code of(pid, "time_for_children")}. */
    public static long of(long pid, String name) {
        return of(Path.of("/proc/" + pid + "/ns/" + name));
    }
}
