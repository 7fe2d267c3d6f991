package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.Skip;
import jlab.kernel.ns.Namespace;

/** Real uid and gid maps of user namespaces made with unshare(1). */
@Tag("kernel")
class UserNamespaceKernelTest {
    private final ProcFs proc = ProcFs.host();
    private final long self = ProcessHandle.current().pid();

    @BeforeEach
    void requireRoot() {
        Skip.unless(RealProcess.isRoot(), "requires root: writing another process's id map needs CAP_SETUID/CAP_SETGID");
        assumeTrue(RealProcess.hasUnshare(), "requires unshare(1) from util-linux");
    }

    @Test
    void a_map_written_from_the_parent_namespace_reads_back_line_for_line() throws Exception {
        try (RealProcess sleep = RealProcess.start("unshare", "--user", "sleep", "30").awaitRunning("sleep")) {
            long pid = sleep.pid();
            assertThat(proc.namespaces(pid).get(Namespace.USER)).isNotEqualTo(proc.namespaces(self).get(Namespace.USER));
            assertThat(proc.uidMap(pid)).as("nobody has written it yet").isEmpty();

            // What newuidmap does for a rootless container; as root in the parent namespace
            // we may map any range, and only once.
            write(pid, "uid_map", "0 100000 65536\n");
            write(pid, "gid_map", "0 100000 65536\n");

            assertThat(proc.uidMap(pid)).containsExactly(new IdMapping(0, 100000, 65536));
            assertThat(proc.gidMap(pid)).containsExactly(new IdMapping(0, 100000, 65536));
            assertThat(IdMapping.toOutside(proc.uidMap(pid), 0)).hasValue(100000);
        }
    }

    @Test
    void map_root_user_run_as_root_maps_just_uid_0_to_itself() throws InterruptedException {
        try (RealProcess sleep = RealProcess.start("unshare", "--user", "--map-root-user", "sleep", "30").awaitRunning("sleep")) {
            long pid = sleep.pid();
            RealProcess.await("unshare to write the map", () -> proc.uidMap(pid).isEmpty() ? Optional.empty() : Optional.of(1));

            // --map-root-user maps the caller's own uid to 0: we are root, so 0 -> 0, one id.
            assertThat(proc.uidMap(pid)).containsExactly(new IdMapping(0, 0, 1));
            assertThat(proc.gidMap(pid)).containsExactly(new IdMapping(0, 0, 1));
            assertThat(proc.status(pid).capEff()).as("all capabilities, but in the new user namespace only").isNotEmpty();
        }
    }

    private static void write(long pid, String map, String text) throws IOException {
        Files.writeString(Path.of("/proc", Long.toString(pid), map), text);
    }
}
