package jlab.engine.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

import jlab.engine.EngineException;

/**
 * One container's lock: {@code containers/ID/lock}, held with fcntl(F_SETLKW)
 * (Java's FileChannel.lock) by whichever jlab changes the container's state:
 * start, stop, kill, rm, the exit command, gc. Several jlab processes may run
 * at once; each change happens under the lock, and re-reads state.json first.
 * The kernel drops the lock when its process dies, so a killed jlab never
 * leaves a container locked.
 */
public final class ContainerLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private ContainerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits for the lock of the container whose directory is {@code dir}. */
    public static ContainerLock acquire(Path dir, String shownAs) {
        FileChannel ch = open(dir, shownAs);
        try {
            return new ContainerLock(ch, ch.lock());
        } catch (IOException e) {
            closeQuietly(ch);
            throw new UncheckedIOException("cannot lock " + dir.resolve("lock") + ": " + e.getMessage(), e);
        }
    }

    /** The lock if no other process holds it now; empty if one does (or the container is gone). */
    public static Optional<ContainerLock> tryAcquire(Path dir) {
        FileChannel ch;
        try {
            ch = open(dir, dir.getFileName().toString());
        } catch (EngineException gone) {
            return Optional.empty();
        }
        try {
            FileLock l = ch.tryLock();
            if (l == null) {
                closeQuietly(ch);
                return Optional.empty();
            }
            return Optional.of(new ContainerLock(ch, l));
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            closeQuietly(ch);
            return Optional.empty();
        }
    }

    private static FileChannel open(Path dir, String shownAs) {
        try {
            return FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (NoSuchFileException e) {
            throw new EngineException("No such container: " + shownAs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + dir.resolve("lock") + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // nothing to undo
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) lock.release();
        } catch (IOException ignored) {
            // the directory may be gone (rm): the lock goes with the channel
        }
        closeQuietly(channel);
    }
}
