package jlab.engine.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * A RUN's output, shown as it comes. The container's standard output and error are a file of the
 * build's scratch directory (the helper opens it before the container has its own mounts, so
 * both streams append to it in the order they are written); a thread copies what is added to the
 * progress, and {@link #close} copies the rest once the command has exited.
 */
final class RunOutput implements AutoCloseable {
    private static final long POLL_MILLIS = 20;

    private final Path file;
    private final OutputStream to;
    private final Thread copier;
    private volatile boolean done;
    private IOException failure;

    RunOutput(Path file, OutputStream to) {
        this.file = file;
        this.to = to;
        try {
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file + ": " + e.getMessage(), e);
        }
        this.copier = new Thread(this::copy, "jlab-build-output");
        copier.setDaemon(true);
        copier.start();
    }

    Path file() { return file; }

    private void copy() {
        byte[] buf = new byte[8192];
        try (InputStream in = Files.newInputStream(file)) {
            while (true) {
                boolean last = done; // read once more after the command exited: what it wrote last
                int n;
                while ((n = in.read(buf)) > 0) {
                    to.write(buf, 0, n);
                }
                to.flush();
                if (last) return;
                // parked, not sleeping: close() unparks it at once (an interrupt would close the file's channel)
                LockSupport.parkNanos(POLL_MILLIS * 1_000_000);
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Copies what is left, then stops. */
    @Override
    public void close() {
        done = true;
        LockSupport.unpark(copier);
        try {
            copier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) throw new UncheckedIOException("cannot read " + file + ": " + failure.getMessage(), failure);
    }
}
