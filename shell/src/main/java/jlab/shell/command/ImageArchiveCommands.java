package jlab.shell.command;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import jlab.engine.EngineException;
import jlab.kernel.syscall.Syscalls;
import jlab.shell.Session;

/**
 * What save, load, export, import, commit and diff share: Docker's exit code 1 for every refusal (125 is
 * for bad flags, picocli's), in one line; and where a tarball goes — a file given by {@code -o}, or
 * standard output when it is not a terminal.
 */
final class ImageArchiveCommands {
    /** Docker's CLI exits 1 when the daemon refuses. */
    static final int REFUSED = 1;

    private ImageArchiveCommands() {}

    /** Runs {@code body}; a refusal is one line on standard error and exit 1. */
    static int refusing(Session session, Supplier<Integer> body) {
        try {
            return body.get();
        } catch (EngineException | UncheckedIOException e) {
            session.err().println("jlab: " + e.getMessage());
            return REFUSED;
        }
    }

    /** Something that writes a tarball. */
    @FunctionalInterface
    interface TarWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes to {@code output} (made or truncated; removed again if writing fails) or, with none, to
     * standard output — refused when that is a terminal, as Docker does, since a tarball there is noise.
     */
    static void writeTar(Session session, Path output, String verb, TarWriter writer) {
        if (output == null) {
            if (Syscalls.get().isatty(1)) {
                throw new EngineException("cowardly refusing to " + verb + " to a terminal. Use the -o flag or redirect",
                        REFUSED);
            }
            try {
                OutputStream out = new BufferedOutputStream(session.out(), 1 << 16);
                writer.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw new EngineException("cannot write to standard output: " + e.getMessage(), REFUSED);
            }
            return;
        }
        boolean done = false;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output), 1 << 16)) {
            writer.writeTo(out);
            done = true;
        } catch (IOException e) {
            throw new EngineException("cannot write " + output + ": " + e.getMessage(), REFUSED);
        } finally {
            if (!done && Files.isRegularFile(output)) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // the error above says what went wrong
                }
            }
        }
    }
}
