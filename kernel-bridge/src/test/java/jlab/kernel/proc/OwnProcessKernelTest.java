package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import jlab.kernel.ns.Namespace;

/** The real /proc, read for this JVM. Needs no privilege: a process may read its own files. */
@Tag("kernel")
class OwnProcessKernelTest {
    private final ProcFs proc = ProcFs.host();
    private final long self = ProcessHandle.current().pid();

    @Test
    void our_namespaces_are_every_kind_the_kernel_lists_with_the_inodes_stat_sees() throws IOException {
        Map<Namespace, Long> ns = proc.namespaces(self);

        Path nsDir = Path.of("/proc", Long.toString(self), "ns");
        Set<Namespace> listed;
        try (Stream<Path> files = Files.list(nsDir)) {
            listed = files.map(f -> f.getFileName().toString()).filter(n -> !n.endsWith("_for_children"))
                    .map(n -> Namespace.byName(n).orElseThrow()).collect(Collectors.toSet());
        }
        assertThat(ns.keySet()).isEqualTo(listed);
        assertThat(ns).as("every kind, time included (Linux 5.6+)").containsOnlyKeys(Namespace.values());
        for (Namespace kind : ns.keySet()) {
            // stat(2) follows the link into nsfs: its inode is the number in the link's text.
            assertThat(Files.getAttribute(nsDir.resolve(kind.procName()), "unix:ino")).isEqualTo(ns.get(kind));
        }
    }

    @Test
    void our_children_would_be_born_in_our_own_pid_namespace() {
        assertThat(proc.namespaceForChildren(self, Namespace.PID)).hasValue(proc.namespaces(self).get(Namespace.PID));
    }

    @Test
    void our_innermost_nspid_is_the_pid_java_sees() {
        ProcStatus status = proc.status(self);

        assertThat(status.pid()).isEqualTo(self);
        assertThat(status.pidInInnermostNamespace()).isEqualTo(self);
        assertThat(status.ppid()).isEqualTo(ProcessHandle.current().parent().orElseThrow().pid());
        assertThat(status.name()).isEqualTo("java");
        assertThat(status.state()).as("the main thread waits while a test thread runs").isIn('S', 'R');
        assertThat(status.capEffMask() & ~status.capBndMask()).as("effective is within the bounding set").isZero();
    }

    @Test
    void our_mount_table_has_a_root_mount_and_every_parent_but_the_roots_is_in_it() {
        List<MountInfo> mounts = proc.mountInfo(self);

        assertThat(mounts).extracting(MountInfo::mountPoint).contains("/", "/proc");
        Set<Integer> ids = mounts.stream().map(MountInfo::mountId).collect(Collectors.toSet());
        assertThat(mounts).filteredOn(m -> !ids.contains(m.parentId()))
                .as("only the root mount's parent can lie outside our root").extracting(MountInfo::mountPoint)
                .containsOnly("/");
        assertThat(mounts).filteredOn(m -> m.mountPoint().equals("/proc")).first()
                .extracting(MountInfo::fsType).isEqualTo("proc");
    }

    @Test
    void our_cgroups_name_each_hierarchy_once() {
        List<CgroupMembership> cgroups = proc.cgroups(self);

        assertThat(cgroups).isNotEmpty().allMatch(c -> c.path().startsWith("/"));
        assertThat(cgroups).extracting(CgroupMembership::hierarchyId).doesNotHaveDuplicates();
    }

    @Test
    void our_id_maps_cover_our_own_ids() {
        ProcStatus status = proc.status(self);

        assertThat(IdMapping.toOutside(proc.uidMap(self), status.uids()[0])).isPresent();
        assertThat(IdMapping.toOutside(proc.gidMap(self), status.gids()[0])).isPresent();
    }

    @Test
    void our_cmdline_and_exe_are_the_java_launcher() {
        List<String> cmdline = proc.cmdline(self);

        assertThat(cmdline.subList(1, cmdline.size()))
                .isEqualTo(List.of(ProcessHandle.current().info().arguments().orElseThrow()));
        assertThat(proc.readLink(self, "exe")).endsWith("/java")
                .isEqualTo(ProcessHandle.current().info().command().orElseThrow());
        assertThat(proc.readLink(self, "cwd")).isEqualTo(Path.of("").toAbsolutePath().toString());
    }

    @Test
    void pids_list_ourselves_and_init_in_order() {
        List<Long> pids = proc.pids();

        assertThat(pids).contains(1L, self).isSorted().doesNotHaveDuplicates();
    }
}
