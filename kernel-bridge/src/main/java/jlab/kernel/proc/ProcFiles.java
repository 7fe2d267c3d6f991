package jlab.kernel.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import jlab.kernel.Errnos;
import jlab.kernel.KernelException;

/**
 * Reads the files of /proc/PID and turns the ways they fail into sentences.
 *
 * <p>The same "No such file or directory" means three things in /proc: the process
 * has exited (its whole directory is gone); the process is there but the kernel
 * has nothing to show (a zombie has no mount table and no cwd, a kernel thread no
 * exe); or this kernel is too old to have the file at all.
 */
final class ProcFiles {
    private static final int EACCES = Errnos.number("EACCES");

    private final Path root;

    ProcFiles(Path root) {
        this.root = root;
    }

    Path path(long pid, String file) {
        return root.resolve(Long.toString(pid)).resolve(file);
    }

    /** The whole file. /proc files report a size of 0: Files.readAllBytes reads to the end anyway. */
    byte[] read(long pid, String file) {
        try {
            return Files.readAllBytes(path(pid, file));
        } catch (IOException e) {
            throw failure("read", pid, file, e);
        }
    }

    String readLink(long pid, String file) throws IOException {
        return Files.readSymbolicLink(path(pid, file)).toString();
    }

    /** Throws the "it exited" failure if /proc/PID is gone; returns if the process is still there. */
    void requireProcess(long pid, String operation, String file) {
        if (!Files.isDirectory(root.resolve(Long.toString(pid)))) {
            throw KernelException.of(operation, path(pid, file).toString(), "no such process (it exited)");
        }
    }

    KernelException failure(String operation, long pid, String file, IOException e) {
        String where = path(pid, file).toString();
        if (e instanceof NoSuchFileException) {
            requireProcess(pid, operation, file);
            if (Files.exists(path(pid, file), LinkOption.NOFOLLOW_LINKS)) {
                return KernelException.of(operation, where, "the kernel shows nothing here" + whyEmpty(pid));
            }
            return KernelException.of(operation, where, "no such file: this kernel does not provide it");
        }
        if (e instanceof AccessDeniedException) {
            return new KernelException(operation, where, "EACCES", EACCES,
                    "reading this needs ptrace access to the process (root, or its own user): run jlab with sudo");
        }
        String reason = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : String.valueOf(e.getMessage());
        return KernelException.of(operation, where, reason + whyEmpty(pid));
    }

    /**
     * Why a live /proc/PID entry can be empty. A zombie has exited but its parent has
     * not yet called wait(): only its pid, exit status and credentials remain, so it
     * has no mount table, no root, no cwd. A kernel thread never had user space.
     */
    private String whyEmpty(long pid) {
        String status;
        try {
            status = new String(Files.readAllBytes(path(pid, "status")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        if (status.contains("\nState:\tZ")) {
            return ": the process is a zombie (it exited and its parent has not reaped it yet)";
        }
        if (status.contains("\nKthread:\t1") || status.contains("\nPPid:\t2\n") || pid == 2) {
            return ": this is a kernel thread, it has no user space";
        }
        return "";
    }
}
