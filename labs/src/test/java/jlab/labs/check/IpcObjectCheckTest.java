package jlab.labs.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;
import jlab.kernel.ns.Namespace;
import jlab.labs.model.Lang;

/**
 * {@code ipc-object} on a fake /proc: what /proc/sysvipc/msg shows inside a
 * process's IPC namespace and on the host, and what each slip is told. That
 * the namespace is really read from inside is proven by IpcNamespaceLabTest.
 */
class IpcObjectCheckTest {
    static final String HEADER = "       key      msqid perms      cbytes       qnum lspid lrpid   uid   gid  cuid  cgid      stime      rtime      ctime\n";
    static final String QUEUE = "-1337438286          0   644           0          0     0     0     0     0     0     0          0          0 1796616064\n";
    static final String HOST_QUEUE = " 1804289383          3   600           0          0     0     0     0     0     0     0          0          0 1796616070\n";
    static final Map<String, String> MSG = Map.of("object", "msg");

    @TempDir Path dir;
    private final IpcObjectCheck check = new IpcObjectCheck();

    private FakeNamespaces host(String hostTable) throws IOException {
        return new FakeNamespaces(dir, true).file("sysvipc/msg", HEADER + hostTable);
    }

    @Test
    void a_queue_in_an_ipc_namespace_of_its_own_passes_with_what_it_holds() throws IOException {
        FakeNamespaces host = host("").process(200, "sleep", Map.of(Namespace.IPC, 4026532300L))
                .inside(Namespace.IPC, 200, "sysvipc/msg", HEADER + QUEUE);
        Outcome o = check.check(MSG, host.context());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.message().in(Lang.EN)).isEqualTo(
                "pid 200 (sleep) is in an IPC namespace of its own, which holds msqid 0, key 0xb0484fb2, perms 644; the host does not see it.");
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.where()).isEqualTo("/proc/sysvipc/msg in ipc:[4026532300] (pid 200's)");
            assertThat(e.observed()).isEqualTo("msqid 0, key 0xb0484fb2, perms 644");
        });
    }

    @Test
    void an_empty_ipc_namespace_names_the_process_and_ipcmk() throws IOException {
        FakeNamespaces host = host("").process(200, "sh", Map.of(Namespace.IPC, 4026532300L))
                .inside(Namespace.IPC, 200, "sysvipc/msg", HEADER);
        Outcome o = check.check(MSG, host.context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.message().in(Lang.EN)).isEqualTo(
                "pid 200 (sh): an IPC namespace of its own, but no message queue in it (its `ipcs -q` is empty).");
        assertThat(o.hint().in(Lang.EN)).contains("`ipcmk -Q`").contains("leave that shell open");
    }

    @Test
    void a_queue_made_on_the_host_is_named_with_how_to_remove_it() throws IOException {
        Outcome o = check.check(MSG, host(HOST_QUEUE).context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.message().in(Lang.EN)).isEqualTo(
                "No IPC namespace of its own holds a message queue, but the host's has: msqid 3, key 0x6b8b4567, perms 600.");
        assertThat(o.hint().in(Lang.EN)).contains("`ipcrm -q 3`").contains("`unshare --ipc sh` first");
        assertThat(o.hint().in(Lang.FR)).contains("`ipcrm -q 3`");
    }

    @Test
    void no_ipc_namespace_of_its_own_says_all_share_the_hosts() throws IOException {
        Outcome o = check.check(MSG, host("").context());
        assertThat(o.message().in(Lang.EN)).isEqualTo("No process has an IPC namespace of its own: all share ipc:["
                + FakeNamespaces.HOST.get(Namespace.IPC) + "] with the host.");
    }

    @Test
    void a_shared_memory_segment_is_looked_for_in_sysvipc_shm() throws IOException {
        FakeNamespaces host = new FakeNamespaces(dir, true)
                .file("sysvipc/shm", "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n")
                .process(200, "sleep", Map.of(Namespace.IPC, 4026532300L))
                .inside(Namespace.IPC, 200, "sysvipc/shm", "       key      shmid perms                  size  cpid  lpid nattch   uid   gid  cuid  cgid      atime      dtime      ctime                   rss                  swap\n"
                        + " 1681692777          5   644                  4096   200     0      0     0     0     0     0          0          0 1796616064                     0                     0\n");
        Outcome o = check.check(Map.of("object", "shm"), host.context());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.message().in(Lang.EN)).contains("shmid 5, key 0x643c9869, perms 644");
    }

    @Test
    void a_table_that_is_not_sysvipcs_is_refused_with_the_file() throws IOException {
        FakeNamespaces host = new FakeNamespaces(dir, true).file("sysvipc/msg", "what is this\n");
        assertThatThrownBy(() -> check.check(MSG, host.context())).isInstanceOf(KernelException.class)
                .hasMessageContaining(dir.resolve("proc/sysvipc/msg").toString()).hasMessageContaining("expected a header");
        assertThatThrownBy(() -> check.check(Map.of("object", "queue"), host.context()))
                .hasMessage("no System V IPC table 'queue' (msg, shm or sem)");
    }
}
