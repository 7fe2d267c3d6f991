package jlab.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class StateDirTest {
    @Test
    void the_default_state_directory_keeps_its_containers_under_the_jlab_cgroup() {
        assertThat(new StateDir(StateDir.DEFAULT).cgroupParent()).isEqualTo("jlab");
    }

    @Test
    void another_state_directory_gets_a_parent_cgroup_of_its_own() {
        // printf %s /tmp/x | sha256sum | cut -c1-8 — scripts/cgroup2-guest-checks computes it that way.
        assertThat(new StateDir(Path.of("/tmp/x")).cgroupParent()).isEqualTo("jlab-2e56aa36");
        assertThat(new StateDir(Path.of("/tmp/y")).cgroupParent()).isNotEqualTo("jlab-2e56aa36").startsWith("jlab-");
    }
}
