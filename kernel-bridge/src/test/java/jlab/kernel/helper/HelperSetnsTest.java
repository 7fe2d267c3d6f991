package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.NsInode;

/** setns: one helper joins the namespaces another made, as exec joins a container's. */
class HelperSetnsTest extends RealHelperTest {

    @Test
    void setns_joins_the_namespaces_of_another_process_and_reports_their_inodes() throws Exception {
        Helper box = start();
        box.call("unshare", "uts", "ipc", "net");
        box.call("sethostname", "joined-box");
        Helper joiner = start();
        Path out = captureOutput(joiner);

        Reply r = joiner.call("setns", Long.toString(box.pid()), "uts", "ipc", "net");

        for (String ns : List.of("uts", "ipc", "net")) {
            assertThat(r.getLong(ns)).as(ns).isEqualTo(NsInode.of(box.pid(), ns)).isEqualTo(NsInode.of(joiner.pid(), ns));
        }
        joiner.exec(List.of(BUSYBOX, "hostname"));
        assertThat(joiner.waitFor()).isZero();
        assertThat(read(out)).isEqualTo("joined-box\n");
    }

    @Test
    void after_setns_pid_the_forked_child_is_in_that_pid_namespace_but_not_its_pid_1() throws Exception {
        Helper box = start();
        box.call("unshare", "pid");
        long init = box.call("fork").getLong("init");
        mustBeGoneAfterwards(init);
        Helper joiner = start();

        joiner.call("setns", Long.toString(init), "pid");
        Reply forked = joiner.call("fork");
        long child = forked.getLong("init");
        mustBeGoneAfterwards(child);

        assertThat(forked.getLong("pid")).isEqualTo(NsInode.of(init, "pid"));
        assertThat(NsInode.of(child, "pid")).isEqualTo(NsInode.of(init, "pid"));
        String nspid = Files.readAllLines(Path.of("/proc/" + child + "/status")).stream()
                .filter(l -> l.startsWith("NSpid:")).findFirst().orElseThrow();
        assertThat(nspid.split("\\s+")).containsExactly("NSpid:", Long.toString(child), "2");
    }

    @Test
    void after_setns_mnt_the_root_is_the_other_processes_root() throws Exception {
        Path root = busyboxRootfs("sh", "cat");
        Files.writeString(root.resolve("marker"), "inside\n");
        Helper box = start();
        box.call("unshare", "mnt");
        box.call("mount", "", "/", "", "rec,private", "");
        box.call("mount", root.toString(), root.toString(), "", "bind,rec", "");
        box.call("chdir", root.toString());
        box.call("pivot_root", ".", ".");
        box.call("umount", ".", "detach");
        Helper joiner = start();
        Path out = captureOutput(joiner);

        joiner.call("setns", Long.toString(box.pid()), "mnt");
        joiner.exec(List.of("/bin/cat", "/marker"));

        assertThat(joiner.waitFor()).isZero();
        assertThat(read(out)).isEqualTo("inside\n");
    }

    @Test
    void setns_into_a_process_that_is_gone_names_the_file_it_could_not_open() {
        Helper joiner = start();
        assertThatThrownBy(() -> joiner.call("setns", "999999999", "uts", "net"))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.operation()).isEqualTo("open");
                    assertThat(e.arguments()).isEqualTo("\"/proc/999999999/ns/uts\", O_RDONLY");
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                });
        assertThat(joiner.call("hello").get("version")).as("the helper still answers").isEqualTo("1");
    }

    @Test
    void setns_with_an_unknown_namespace_is_a_usage_error() {
        Helper joiner = start();
        assertThatThrownBy(() -> joiner.call("setns", Long.toString(joiner.pid()), "nope"))
                .isInstanceOf(KernelException.class).hasMessageContaining("unknown namespace \"nope\"");
    }
}
