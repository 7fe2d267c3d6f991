package jlab.labs.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.ns.Namespace;
import jlab.labs.model.Lang;

/**
 * {@code cgroup-namespace} on a fake /proc and fake cgroup trees (v2, v1):
 * /proc/PID/cgroup as the host reads it and as the process reads it from
 * inside its cgroup namespace. CgroupNamespaceLabTest proves it on the kernel.
 */
class CgroupNamespaceCheckTest {
    static final Map<String, String> CGNS = Map.of("cgroup", "jlab-cgns", "controller", "pids");
    static final Map<Namespace, Long> OWN = Map.of(Namespace.CGROUP, 4026532400L);

    @TempDir Path dir;
    private final CgroupNamespaceCheck check = new CgroupNamespaceCheck();

    private FakeNamespaces v2(Map<Namespace, Long> ns, String inside) throws IOException {
        FakeNamespaces host = new FakeNamespaces(dir, true).process(200, "sleep", ns).file("200/cgroup", "0::/jlab-cgns\n");
        host.cgroups.cgroup("jlab-cgns", Map.of("cgroup.procs", "200"));
        return inside == null ? host : host.inside(Namespace.CGROUP, 200, "200/cgroup", inside);
    }

    @Test
    void v2_a_process_of_jlab_cgns_that_reads_slash_from_inside_passes() throws IOException {
        Outcome o = check.check(CGNS, v2(OWN, "0::/\n").context());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.message().in(Lang.EN)).isEqualTo(
                "pid 200 (sleep) is in jlab-cgns, in a cgroup namespace of its own rooted at jlab-cgns: from inside, its cgroup reads /.");
        assertThat(o.evidence()).anySatisfy(e -> {
            assertThat(e.where()).isEqualTo("/proc/200/cgroup, read inside cgroup:[4026532400]");
            assertThat(e.observed()).isEqualTo("0::/");
        });
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.observed()).isEqualTo("0::/jlab-cgns"));
    }

    @Test
    void unshared_before_entering_the_cgroup_reads_its_path_from_inside_and_is_told_the_order() throws IOException {
        Outcome o = check.check(CGNS, v2(OWN, "0::/jlab-cgns\n").context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.message().in(Lang.EN)).startsWith("pid 200 (sleep) has a cgroup namespace of its own, but from inside its cgroup"
                + " reads /jlab-cgns, not /: the namespace was made before the process entered jlab-cgns");
        assertThat(o.hint().in(Lang.EN)).startsWith("Order matters: first enter the cgroup (`echo $$ > " + dir.resolve("cgroup/jlab-cgns/cgroup.procs"));
    }

    @Test
    void in_the_cgroup_but_in_the_hosts_cgroup_namespace_says_so() throws IOException {
        Outcome o = check.check(CGNS, v2(Map.of(), null).context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.message().in(Lang.EN)).isEqualTo(
                "pid 200 (sleep) is in jlab-cgns, but in the host's cgroup namespace: from inside too, its cgroup reads /jlab-cgns.");
        assertThat(o.hint().in(Lang.EN)).contains("`unshare --cgroup sh`");
    }

    @Test
    void an_empty_cgroup_says_to_move_a_shell_in_first() throws IOException {
        FakeNamespaces host = new FakeNamespaces(dir, true);
        host.cgroups.cgroup("jlab-cgns", Map.of("cgroup.procs", ""));
        Outcome o = check.check(CGNS, host.context());
        assertThat(o.message().in(Lang.EN)).isEqualTo("jlab-cgns holds no running process.");
        assertThat(o.hint().in(Lang.EN)).startsWith("Move a shell in (`echo $$ > ");
    }

    @Test
    void v1_reads_the_lines_of_the_trees_that_hold_the_cgroup() throws IOException {
        FakeNamespaces host = new FakeNamespaces(dir, false).process(200, "sleep", OWN)
                .file("200/cgroup", "8:pids:/jlab-cgns\n4:memory:/user.slice\n0::/\n")
                .inside(Namespace.CGROUP, 200, "200/cgroup", "8:pids:/\n4:memory:/\n0::/\n");
        host.cgroups.cgroup("jlab-cgns", Map.of("pids/cgroup.procs", "200"));
        Outcome o = check.check(CGNS, host.context());
        assertThat(o.status()).isEqualTo(Status.PASS);
        assertThat(o.evidence()).anySatisfy(e -> assertThat(e.observed()).isEqualTo("8:pids:/"));

        host.inside(Namespace.CGROUP, 200, "200/cgroup", "8:pids:/jlab-cgns\n4:memory:/user.slice\n0::/\n");
        Outcome before = check.check(CGNS, host.context());
        assertThat(before.status()).isEqualTo(Status.FAIL);
        assertThat(before.message().in(Lang.FR)).contains("de l'intérieur son cgroup se lit /jlab-cgns, pas /");
    }

    @Test
    void a_missing_cgroup_says_where_to_make_it() throws IOException {
        Outcome o = check.check(CGNS, new FakeNamespaces(dir, false).context());
        assertThat(o.status()).isEqualTo(Status.FAIL);
        assertThat(o.hint().in(Lang.EN)).contains("mkdir " + dir.resolve("cgroup/pids/jlab-cgns"));
    }
}
