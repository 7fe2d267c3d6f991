package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupMembershipTest {
    @TempDir Path tmp;

    private List<CgroupMembership> cgroups(String fixture) {
        return new FakeProc(tmp).fixture(4242, "cgroup", "cgroup/" + fixture).procFs().cgroups(4242);
    }

    @Test
    void a_v2_only_host_has_one_unified_line() {
        assertThat(cgroups("v2-only.txt")).containsExactly(
                new CgroupMembership(0, List.of(), "/system.slice/docker-5e0d39a3d8c2.scope"));
        assertThat(cgroups("v2-only.txt").get(0).isUnified()).isTrue();
    }

    @Test
    void a_v1_host_has_one_line_per_hierarchy_with_its_controllers() {
        List<CgroupMembership> v1 = cgroups("v1-centos7.txt");

        assertThat(v1).hasSize(5).noneMatch(CgroupMembership::isUnified);
        assertThat(v1.get(1)).isEqualTo(new CgroupMembership(11, List.of("memory"), "/docker/5e0d39a3d8c2"));
        assertThat(v1.get(3).controllers()).containsExactly("cpu", "cpuacct");
        assertThat(v1.get(4).controllers()).containsExactly("name=systemd");
    }

    @Test
    void a_hybrid_host_has_v1_hierarchies_and_the_unified_one() {
        List<CgroupMembership> hybrid = cgroups("hybrid.txt");

        assertThat(hybrid).hasSize(10);
        assertThat(hybrid).filteredOn(CgroupMembership::isUnified).singleElement()
                .isEqualTo(new CgroupMembership(0, List.of(), "/jlab/web"));
        assertThat(hybrid).filteredOn(c -> c.controllers().contains("memory")).singleElement()
                .extracting(CgroupMembership::hierarchyId, CgroupMembership::path).containsExactly(4, "/jlab/web");
    }

    @Test
    void colons_in_a_cgroup_path_stay_in_the_path() {
        assertThat(CgroupMembership.parse("0::/machine.slice/libpod-a:b.scope").path()).isEqualTo("/machine.slice/libpod-a:b.scope");
    }

    @Test
    void a_path_outside_the_readers_cgroup_namespace_climbs_with_dot_dot() {
        assertThat(CgroupMembership.parse("0::/../../user.slice").path()).isEqualTo("/../../user.slice");
    }
}
