package jlab.labs.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import jlab.engine.state.ContainerStore;
import jlab.engine.state.StateDir;

/**
 * What {@code lab start} noted for a lab, in the state directory
 * ({@code /var/lib/jlab/labs/ID/recorded.json}): facts about the host before
 * the student began, such as its hostname. jlab wrote it, not the student:
 * the checks compare the kernel with it, and never trust a file of the
 * student's.
 */
public final class LabState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;

    public LabState(StateDir state, String labId) {
        this.dir = state.root().resolve("labs").resolve(labId);
    }

    private Path file() { return dir.resolve("recorded.json"); }

    public boolean started() { return Files.exists(file()); }

    /** The facts, or none if the lab was not started here. */
    public Map<String, String> recorded() {
        if (!started()) return Map.of();
        try {
            return JSON.readValue(file().toFile(), new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file() + ": " + e.getMessage(), e);
        }
    }

    public void record(Map<String, String> facts) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(file().toFile(), facts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file() + ": " + e.getMessage(), e);
        }
    }

    public void forget() { ContainerStore.deleteTree(dir); }
}
