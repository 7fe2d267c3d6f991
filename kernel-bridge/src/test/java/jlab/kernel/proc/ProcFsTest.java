package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;

/** ProcFs on a fake tree: how files are found and how their absence reads. */
class ProcFsTest {
    @TempDir Path tmp;

    @Test
    void host_reads_the_real_proc() {
        assertThat(ProcFs.host().root()).isEqualTo(Path.of("/proc"));
    }

    @Test
    void namespace_links_give_their_inode_numbers() {
        ProcFs proc = new FakeProc(tmp)
                .namespace(42, "uts", 4026531838L).namespace(42, "mnt", 4026531832L).namespace(42, "pid", 4026531836L)
                .procFs();

        assertThat(proc.namespaces(42)).containsOnly(
                entry(Namespace.UTS, 4026531838L), entry(Namespace.MNT, 4026531832L), entry(Namespace.PID, 4026531836L));
    }

    @Test
    void a_namespace_kind_the_kernel_lacks_is_absent() {
        ProcFs proc = new FakeProc(tmp).namespace(42, "uts", 1).procFs();

        assertThat(proc.namespaces(42)).containsOnlyKeys(Namespace.UTS);
        assertThat(proc.namespaceForChildren(42, Namespace.TIME)).isEmpty();
    }

    @Test
    void children_of_a_process_that_unshared_pid_get_another_pid_namespace() {
        ProcFs proc = new FakeProc(tmp)
                .namespace(42, "pid", 4026531836L).namespace(42, "pid_for_children", 4026532178L)
                .namespace(42, "uts", 4026531838L)
                .procFs();

        assertThat(proc.namespaces(42)).containsEntry(Namespace.PID, 4026531836L);
        assertThat(proc.namespaceForChildren(42, Namespace.PID)).isEqualTo(OptionalLong.of(4026532178L));
        assertThat(proc.namespaceForChildren(42, Namespace.UTS)).as("other kinds: its own").hasValue(4026531838L);
    }

    @Test
    void a_link_that_is_not_a_namespace_is_reported_with_its_text() {
        ProcFs proc = new FakeProc(tmp).link(42, "ns/net", "socket:[123]").procFs();

        assertThatThrownBy(() -> proc.namespaces(42))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("got 'socket:[123]'");
    }

    @Test
    void reading_a_process_that_exited_says_so() {
        ProcFs proc = new FakeProc(tmp).directory("1").procFs();

        assertThatThrownBy(() -> proc.status(4242))
                .isInstanceOf(KernelException.class)
                .hasMessage("read(" + tmp.resolve("4242/status") + "): no such process (it exited)");
        assertThatThrownBy(() -> proc.namespaces(4242)).hasMessageContaining("no such process (it exited)");
        assertThatThrownBy(() -> proc.readLink(4242, "root")).hasMessageContaining("readlink(");
    }

    @Test
    void a_file_this_kernel_does_not_have_is_not_mistaken_for_an_exit() {
        ProcFs proc = new FakeProc(tmp).directory("42").procFs();

        assertThatThrownBy(() -> proc.uidMap(42)).hasMessageContaining("this kernel does not provide it");
    }

    @Test
    void cmdline_splits_at_nul_bytes() {
        ProcFs proc = new FakeProc(tmp)
                .bytes(42, "cmdline", "sh\0-c\0echo hello world\0".getBytes(StandardCharsets.UTF_8))
                .bytes(43, "cmdline", "nginx: worker process".getBytes(StandardCharsets.UTF_8))
                .bytes(2, "cmdline", new byte[0])
                .procFs();

        assertThat(proc.cmdline(42)).containsExactly("sh", "-c", "echo hello world");
        assertThat(proc.cmdline(43)).as("rewritten by the process, no NUL").containsExactly("nginx: worker process");
        assertThat(proc.cmdline(2)).as("a kernel thread").isEmpty();
    }

    @Test
    void pids_are_the_numeric_directories_sorted() {
        ProcFs proc = new FakeProc(tmp).directory("100").directory("2").directory("self").directory("sys")
                .directory("1").directory("acpi").procFs();

        assertThat(proc.pids()).containsExactly(1L, 2L, 100L);
    }

    @Test
    void read_link_returns_the_target_text() {
        ProcFs proc = new FakeProc(tmp).link(42, "root", "/var/lib/jlab/rootfs").link(42, "exe", "/usr/bin/sleep (deleted)")
                .procFs();

        assertThat(proc.readLink(42, "root")).isEqualTo("/var/lib/jlab/rootfs");
        assertThat(proc.readLink(42, "exe")).isEqualTo("/usr/bin/sleep (deleted)");
    }
}
