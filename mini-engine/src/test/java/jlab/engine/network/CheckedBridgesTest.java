package jlab.engine.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckedBridgesTest {
    @TempDir Path sys;

    private void bridge(String name, long ifindex) throws IOException {
        Files.createDirectories(sys.resolve(name));
        Files.writeString(sys.resolve(name).resolve("ifindex"), ifindex + "\n");
    }

    @Test
    void a_bridge_checked_once_is_not_checked_again() throws IOException {
        CheckedBridges checked = new CheckedBridges(sys);
        bridge("jlab0", 7);
        assertThat(checked.seen("jlab0")).isFalse();
        checked.add("jlab0");
        assertThat(checked.seen("jlab0")).isTrue();
    }

    @Test
    void a_bridge_made_again_under_the_same_name_is_checked_again() throws IOException {
        CheckedBridges checked = new CheckedBridges(sys);
        bridge("jlab0", 7);
        checked.add("jlab0");
        bridge("jlab0", 12); // removed by another jlab's gc, then made again: a new interface
        assertThat(checked.seen("jlab0")).isFalse();
    }

    @Test
    void a_bridge_that_is_gone_is_never_seen() throws IOException {
        CheckedBridges checked = new CheckedBridges(sys);
        bridge("jlab0", 7);
        checked.add("jlab0");
        Files.delete(sys.resolve("jlab0").resolve("ifindex"));
        assertThat(checked.seen("jlab0")).isFalse();
    }
}
