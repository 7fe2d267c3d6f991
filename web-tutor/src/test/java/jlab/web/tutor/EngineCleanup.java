package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import jlab.engine.Engine;

/** What a test's engine leaves on the host, undone: the container, then (by gc) the engine's parent cgroup. */
final class EngineCleanup {
    private EngineCleanup() {}

    static void removeAndCheck(Engine engine, String container) {
        engine.rm(container, true, true);
        engine.gc();
        String parent = engine.stateDir().cgroupParent();
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            assertThat(hierarchies.map(h -> h.resolve(parent)).filter(Files::isDirectory))
                    .as("the test engine's parent cgroup after gc").isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(Path.of("/sys/fs/cgroup", parent)).doesNotExist();
    }
}
