package jlab.engine.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code containers/ID/stopping}: "a jlab is handling this exit". Made by
 * {@code stop}, {@code kill} and {@code rm -f} before they send a signal. The
 * supervisor looks for it once PID 1 is gone: if it is there, it does not run
 * its exit command (the jlab that stops the container tears it down itself),
 * and the restart policy does not apply, as with Docker's {@code docker stop}.
 */
public final class StopMarker {
    public static final String FILE = "stopping";

    private StopMarker() {}

    public static void create(Path dir) {
        try {
            Files.createFile(dir.resolve(FILE));
        } catch (FileAlreadyExistsException e) {
            // already stopping: fine
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    public static boolean exists(Path dir) { return Files.exists(dir.resolve(FILE)); }
}
