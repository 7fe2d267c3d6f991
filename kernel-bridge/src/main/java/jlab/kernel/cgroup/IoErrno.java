package jlab.kernel.cgroup;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.HashMap;
import java.util.Map;

import jnr.constants.platform.Errno;

/**
 * The errno behind a Java IOException. The JDK turns a failed open() into a
 * typed exception (NoSuchFileException ...) and a failed write() into an
 * IOException whose message is strerror's text ("Invalid argument"); we map
 * that text back to its number with the same table {@code errno -l} prints.
 */
final class IoErrno {
    private static final Map<String, Integer> BY_DESCRIPTION = new HashMap<>();

    static {
        for (Errno e : Errno.values()) {
            if (e.defined()) {
                BY_DESCRIPTION.putIfAbsent(e.description(), e.intValue());
            }
        }
    }

    private IoErrno() {}

    /** The errno number, or 0 when the exception does not say. */
    static int of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT.intValue();
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES.intValue();
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST.intValue();
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY.intValue();
        }
        String text = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        return text == null ? 0 : BY_DESCRIPTION.getOrDefault(text.strip(), 0);
    }
}
