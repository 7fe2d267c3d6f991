package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * {@code jlab run} makes a real container: each test runs the real jlab on the
 * real kernel and looks at what the command inside saw.
 */
class RunIsolationTest extends RealJlabTest {

    @Test
    void the_headline_command_prints_the_hostname_pid_1_and_a_small_process_count() {
        var r = jlab.run("run", "--rm", "--hostname", "box", "busybox", "sh", "-c",
                "hostname; echo $$; ls /proc | grep -c '^[0-9]'");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(0)).isEqualTo("box");
        assertThat(r.lines().get(1)).isEqualTo("1");
        assertThat(Integer.parseInt(r.lines().get(2))).isBetween(1, 5);
    }

    @Test
    void the_hosts_hostname_is_unchanged() throws Exception {
        String before = Files.readString(Path.of("/proc/sys/kernel/hostname"));
        var r = jlab.run("run", "--rm", "--hostname", "elsewhere", "busybox", "hostname");
        assertThat(r.out().strip()).isEqualTo("elsewhere");
        assertThat(Files.readString(Path.of("/proc/sys/kernel/hostname"))).isEqualTo(before);
    }

    @Test
    void the_default_hostname_is_the_short_id() {
        var r = jlab.run("run", "--rm", "busybox", "hostname");
        assertThat(r.out().strip()).matches("[0-9a-f]{12}");
    }

    @Test
    void host_processes_are_invisible() {
        var r = jlab.run("run", "--rm", "busybox", "ps", "-o", "pid,comm");
        assertThat(r.exitCode()).as(r.err()).isZero();
        // the header and ps itself, as PID 1
        assertThat(r.lines()).hasSize(2);
        assertThat(r.lines().get(1).strip()).isEqualTo("1 ps");
    }

    @Test
    void the_hosts_root_is_absent_from_the_mount_table() {
        var r = jlab.run("run", "--rm", "busybox", "cat", "/proc/self/mountinfo");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).first().satisfies(l -> assertThat(l).contains(" / / ").contains(" - overlay overlay "));
        // Only the container's own filesystems: the host's root (ext4, xfs...) is not mounted anywhere.
        // (The overlay's options name its layers' host paths, as Docker's do: text, not a way in.)
        // Only /etc/hosts and /etc/resolv.conf come from the host's disk: two files jlab keeps in the
        // container's directory and bind-mounts (Docker's show the same).
        assertThat(r.lines()).filteredOn(l -> !l.split(" ")[4].matches("/etc/(hosts|resolv\\.conf)"))
                .allSatisfy(l -> assertThat(l.substring(l.indexOf(" - ") + 3).split(" ")[0])
                .isIn("overlay", "proc", "sysfs", "tmpfs", "devpts"));
        assertThat(r.lines()).filteredOn(l -> l.split(" ")[4].startsWith("/etc/")).extracting(l -> l.split(" ")[4])
                .containsExactly("/etc/hosts", "/etc/resolv.conf");
        var ls = jlab.run("run", "--rm", "busybox", "ls", "/");
        assertThat(ls.out().split("\\s+")).doesNotContain("work", "lib64", "boot");
    }

    @Test
    void with_network_none_the_network_has_only_lo_and_it_is_up() {
        var r = jlab.run("run", "--rm", "--network", "none", "busybox", "sh", "-c",
                "ls /sys/class/net; cat /sys/class/net/lo/operstate");
        assertThat(r.lines()).containsExactly("lo", "unknown"); // lo reports "unknown", never "up"
        var ping = jlab.run("run", "--rm", "--network", "none", "busybox", "ping", "-c", "1", "-W", "1", "127.0.0.1");
        assertThat(ping.exitCode()).as(ping.out() + ping.err()).isZero();
    }

    @Test
    void by_default_the_container_has_lo_and_eth0_on_the_bridge_with_a_default_route() {
        var r = jlab.run("run", "--rm", "busybox", "sh", "-c",
                "ls /sys/class/net; cat /sys/class/net/eth0/operstate; ip -4 -o addr show eth0; ip route");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines().subList(0, 3)).containsExactly("eth0", "lo", "up");
        assertThat(r.lines().get(3)).matches(".*inet 10\\.88\\.\\d+\\.\\d+/16 .*");
        assertThat(r.out()).contains("default via 10.88.0.1 dev eth0");
    }

    @Test
    void with_network_host_the_container_sees_the_hosts_links() throws Exception {
        var r = jlab.run("run", "--rm", "--network", "host", "busybox", "ls", "/sys/class/net");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (var host = Files.list(Path.of("/sys/class/net"))) {
            assertThat(r.lines()).containsAll(host.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith("vj")).toList()); // no other container's veth comes or goes meanwhile
        }
        var ns = jlab.run("run", "--rm", "--network", "host", "busybox", "readlink", "/proc/self/ns/net");
        assertThat(ns.out().strip()).isEqualTo(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        var resolv = jlab.run("run", "--rm", "--network", "host", "busybox", "cat", "/etc/resolv.conf");
        assertThat(resolv.out()).as("the host's own nameservers").isEqualTo(Files.readString(Path.of("/etc/resolv.conf")));
    }

    @Test
    void the_container_has_its_own_ipc_uts_net_mnt_pid_and_cgroup_namespaces() throws Exception {
        var r = jlab.run("run", "--rm", "busybox", "sh", "-c",
                "for n in ipc uts net mnt pid cgroup user; do readlink /proc/self/ns/$n; done");
        assertThat(r.exitCode()).as(r.err()).isZero();
        for (String line : r.lines()) {
            String kind = line.substring(0, line.indexOf(':'));
            String host = Files.readSymbolicLink(Path.of("/proc/self/ns/" + kind)).toString();
            if (kind.equals("user")) {
                assertThat(line).as("no --userns: the host's user namespace").isEqualTo(host);
            } else {
                assertThat(line).as(kind).isNotEqualTo(host);
            }
        }
    }

    @Test
    void the_cgroup_namespace_makes_the_containers_cgroup_its_root() {
        var r = jlab.run("run", "--rm", "--memory", "64m", "busybox", "cat", "/proc/self/cgroup");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines()).allSatisfy(l -> assertThat(l).endsWith(":/"));
    }

    @Test
    void dev_holds_only_the_minimal_devices() {
        var r = jlab.run("run", "--rm", "busybox", "ls", "/dev");
        assertThat(r.out().split("\\s+")).containsExactlyInAnyOrder(
                "fd", "full", "null", "ptmx", "pts", "random", "shm", "stderr", "stdin", "stdout", "tty", "urandom", "zero");
        var w = jlab.run("run", "--rm", "busybox", "sh", "-c", "echo x > /dev/null && head -c 4 /dev/zero | wc -c");
        assertThat(w.out().strip()).isEqualTo("4");
    }

    @Test
    void sys_is_read_only_and_tmp_is_a_writable_tmpfs() {
        var r = jlab.run("run", "--rm", "busybox", "sh", "-c",
                "touch /sys/x 2>/dev/null && echo sys-writable; touch /tmp/x && echo tmp-ok; grep ' /tmp ' /proc/self/mountinfo");
        assertThat(r.out()).doesNotContain("sys-writable").contains("tmp-ok").contains(" - tmpfs ");
    }

    @Test
    void capabilities_are_dockers_default_set_and_no_new_privs_is_set() {
        var r = jlab.run("run", "--rm", "busybox", "grep", "-E", "^(CapEff|CapBnd|NoNewPrivs)", "/proc/self/status");
        assertThat(r.out()).contains("CapEff:\t00000000a80425fb").contains("CapBnd:\t00000000a80425fb")
                .contains("NoNewPrivs:\t1");
    }

    @Test
    void a_default_container_cannot_change_the_host() {
        var r = jlab.run("run", "--rm", "busybox", "sh", "-c",
                "echo 1 > /proc/sys/vm/drop_caches 2>/dev/null && echo sysctl-written;"
                        + " echo h > /proc/sysrq-trigger 2>/dev/null && echo sysrq-written;"
                        + " cat /proc/keys | wc -c; mount -t tmpfs none /mnt 2>/dev/null && echo mounted;"
                        + " hostname other 2>/dev/null && echo renamed; true");
        assertThat(r.out()).doesNotContain("written").doesNotContain("mounted").doesNotContain("renamed");
        assertThat(r.lines()).contains("0"); // /proc/keys: /dev/null over it (as /proc/kcore, where the kernel has one)
    }

    @Test
    void the_image_is_never_modified() throws Exception {
        jlab.run("run", "--rm", "busybox", "sh", "-c", "echo changed > /etc/hostname; rm /bin/vi; touch /new");
        Path image = busyboxRootfs();
        assertThat(image.resolve("etc/hostname")).doesNotExist();
        assertThat(image.resolve("bin/vi")).existsNoFollowLinks();
        assertThat(image.resolve("new")).doesNotExist();
    }
}
