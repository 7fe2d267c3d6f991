package jlab.engine.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code containers/ID/exit}: how a detached container's PID 1 ended, written
 * by its supervisor (the helper's reaper) the moment it reaped it, atomically
 * (a temporary file renamed over), so a reader sees all of it or nothing:
 * <pre>{"exitCode":137,"signal":9,"finishedAt":"2026-12-02T05:00:00.123456789Z"}</pre>
 * Its presence is the truth about a detached container: running while
 * state.json says so and no exit file exists; exited once it exists, whether
 * or not a jlab has torn the host side down yet.
 *
 * @param exitCode   as a shell reports it: the code, or 128 + the signal
 * @param signal     the signal that killed it, 0 if it exited
 * @param finishedAt when the supervisor reaped it (RFC 3339, UTC)
 */
public record ExitFile(int exitCode, int signal, String finishedAt) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The exit file of the container whose directory is {@code dir}, if its PID 1 has exited. */
    public static Optional<ExitFile> read(Path dir) {
        try {
            return Optional.of(JSON.readValue(Files.readAllBytes(dir.resolve("exit")), ExitFile.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // The supervisor writes it whole or not at all: unreadable means damaged by hand; call it a crash.
            return Optional.of(new ExitFile(137, 9, Instant.now().toString()));
        }
    }

    public static boolean exists(Path dir) { return Files.exists(dir.resolve("exit")); }

    public long finishedAtMillis() {
        try {
            return Instant.parse(finishedAt).toEpochMilli();
        } catch (RuntimeException e) {
            return System.currentTimeMillis();
        }
    }

    /** Removes the exit file and the stop marker of the last run, before a new start. */
    public static void clear(Path dir) {
        try {
            Files.deleteIfExists(dir.resolve("exit"));
            Files.deleteIfExists(dir.resolve(StopMarker.FILE));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot clear " + dir + ": " + e.getMessage(), e);
        }
    }
}
