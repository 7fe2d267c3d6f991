package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jlab.engine.state.StateDir;
import org.junit.jupiter.api.Test;

/** cgroup limits bite: the kernel kills a memory hog, refuses a fork beyond the pids limit, throttles the CPU. */
class RunLimitsTest extends RealJlabTest {

    @Test
    void a_memory_hog_is_oom_killed_and_exits_137_with_a_notice() {
        // A shell variable of 100 MB: the shell itself must hold it in memory.
        var r = jlab.run("run", "--rm", "--memory", "32m", "busybox", "sh", "-c",
                "x=$(head -c 100000000 /dev/zero | tr '\\0' a); echo survived ${#x}");
        assertThat(r.exitCode()).isEqualTo(137);
        assertThat(r.out()).doesNotContain("survived");
        assertThat(r.err()).contains("OOM killer").contains("32MiB");
    }

    @Test
    void below_its_limit_the_same_work_succeeds() {
        var r = jlab.run("run", "--rm", "--memory", "256m", "busybox", "sh", "-c",
                "x=$(head -c 10000000 /dev/zero | tr '\\0' a); echo survived ${#x}");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("survived 10000000");
    }

    @Test
    void a_fork_loop_is_stopped_by_the_pids_limit() {
        // The loop runs in a subshell: a shell whose fork fails gives up. Once the limit is reached
        // nothing can fork, not even ps: count with a glob (the shell expands it itself), then end
        // every other process with the kill builtin.
        var r = jlab.run("run", "--rm", "--pids-limit", "10", "busybox", "sh", "-c",
                "(i=0; while [ $i -lt 30 ]; do sleep 30 & i=$((i+1)); done); set -- /proc/[0-9]*; echo $#; kill -9 -1");
        assertThat(r.err()).contains("can't fork");
        assertThat(Integer.parseInt(r.out().strip())).isBetween(2, 10);
    }

    @Test
    void cpus_and_memory_and_pids_are_written_to_the_containers_cgroup() throws Exception {
        Process p = jlab.builder(List.of("run", "--rm", "--name", "limited", "--cpus", "0.5", "--memory", "64m",
                "--memory-swap", "96m", "--pids-limit", "20", "--cpu-shares", "512", "busybox", "sleep", "20")).start();
        try {
            Path cg = awaitCgroupDir();
            String text = String.join("\n", readAll(cg));
            if (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) { // v2
                assertThat(text).contains("cpu.max=50000 100000").contains("memory.max=67108864").contains("pids.max=20")
                        .contains("memory.swap.max=33554432"); // --memory-swap is memory + swap: 96m - 64m
            } else { // v1
                // --cpu-shares goes through cgroup v2's weight scale on both versions, as Docker does on v2:
                // 512 shares is weight 20, which v1 writes back as 500 shares.
                assertThat(text).contains("cpu.cfs_quota_us=50000").contains("cpu.cfs_period_us=100000")
                        .contains("memory.limit_in_bytes=67108864").contains("pids.max=20").contains("cpu.shares=500")
                        .contains("memory.memsw.limit_in_bytes=100663296"); // v1 counts memory + swap, as the flag does
            }
        } finally {
            p.destroy(); // SIGTERM to jlab: forwarded to PID 1 (sleep ignores it as init), then jlab is killed below
            if (!p.waitFor(3, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            jlab.run("gc");
        }
    }

    private static Path awaitCgroupDir() throws Exception {
        String parent = new StateDir(state).cgroupParent();
        Path root = Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))
                ? Path.of("/sys/fs/cgroup", parent) : Path.of("/sys/fs/cgroup/pids", parent);
        for (int i = 0; i < 200; i++) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> s = Files.list(root)) {
                    var dirs = s.filter(Files::isDirectory).toList();
                    for (Path d : dirs) {
                        if (Files.readString(d.resolve("cgroup.procs")).strip().length() > 0) {
                            return Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers")) ? d : d.getFileName();
                        }
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no running container's cgroup appeared under " + root);
    }

    /** name=value of the limit files, wherever they are (v2: one dir; v1: one dir per controller). */
    private static List<String> readAll(Path cgroupOrName) throws IOException {
        List<Path> dirs = cgroupOrName.isAbsolute() ? List.of(cgroupOrName)
                : Stream.of("cpu", "memory", "pids").map(c -> Path.of("/sys/fs/cgroup", c, new StateDir(state).cgroupParent())
                        .resolve(cgroupOrName)).toList();
        List<String> out = new java.util.ArrayList<>();
        for (Path d : dirs) {
            for (String f : List.of("cpu.max", "memory.max", "memory.swap.max", "pids.max", "cpu.cfs_quota_us",
                    "cpu.cfs_period_us", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "cpu.shares")) {
                if (Files.exists(d.resolve(f))) out.add(f + "=" + Files.readString(d.resolve(f)).strip());
            }
        }
        return out;
    }
}
