package jlab.kernel.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whether a cgroup is frozen, and its limit files as the kernel holds them, on files shaped like the kernel's. */
class FreezerAndLimitsOnAFakeTreeTest {
    @TempDir Path tree;

    @Test
    void v2_is_frozen_when_cgroup_events_says_frozen_1() throws IOException {
        write("cgroup.events", "populated 1\nfrozen 0\n");
        CgroupV2 cg = new CgroupV2("jlab/x", tree);
        assertThat(cg.frozen()).isFalse();
        write("cgroup.events", "populated 1\nfrozen 1\n");
        assertThat(cg.frozen()).isTrue();
    }

    @Test
    void v1_is_frozen_only_once_freezer_state_reads_frozen() throws IOException {
        CgroupV1 cg = v1();
        write("freezer/freezer.state", "THAWED\n");
        assertThat(cg.frozen()).isFalse();
        write("freezer/freezer.state", "FREEZING\n");
        assertThat(cg.frozen()).as("still catching tasks").isFalse();
        write("freezer/freezer.state", "FROZEN\n");
        assertThat(cg.frozen()).isTrue();
    }

    @Test
    void v2_limit_values_are_every_limit_file_present_set_or_not() throws IOException {
        write("memory.max", "67108864\n");
        write("cpu.max", "max 100000\n");
        write("pids.max", "max\n");

        assertThat(new CgroupV2("jlab/x", tree).limitValues())
                .containsExactly(Map.entry("memory.max", "67108864"), Map.entry("cpu.max", "max 100000"),
                        Map.entry("pids.max", "max"));
    }

    @Test
    void v1_limit_values_are_named_by_controller() throws IOException {
        write("memory/memory.limit_in_bytes", "67108864\n");
        write("pids/pids.max", "50\n");

        assertThat(v1().limitValues()).containsExactly(Map.entry("memory/memory.limit_in_bytes", "67108864"),
                Map.entry("pids/pids.max", "50"));
    }

    private CgroupV1 v1() {
        return new CgroupV1("jlab/x", Map.of("memory", tree.resolve("memory"), "cpu", tree.resolve("cpu"),
                "pids", tree.resolve("pids"), "freezer", tree.resolve("freezer")));
    }

    private void write(String file, String content) throws IOException {
        Files.createDirectories(tree.resolve(file).getParent());
        Files.writeString(tree.resolve(file), content);
    }
}
