package jlab.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.engine.ContainerSpec;
import jlab.engine.step.Step;

/** The steps of {@code jlab run} come in the order the kernel needs them. */
class RunPlanTest {

    private static List<String> names(boolean userns) {
        ContainerSpec spec = ContainerSpec.builder().image("busybox").userns(userns).build();
        return RunPlan.forSpec(spec, true).steps().stream().map(Step::name).toList();
    }

    private static List<String> names(String network) {
        ContainerSpec spec = ContainerSpec.builder().image("busybox").network(network).build();
        return RunPlan.forSpec(spec, true).steps().stream().map(Step::name).toList();
    }

    private static final List<String> NETWORK_STEPS = List.of("address allocation", "bridge", "outbound nat",
            "hosts files", "veth pair", "plug into bridge", "address and route", "publish ports", "mount hosts files");

    private static void assertBefore(List<String> names, String first, String then) {
        assertThat(names).contains(first, then);
        assertThat(names.indexOf(first)).as("%s before %s in %s", first, then, names).isLessThan(names.indexOf(then));
    }

    @Test
    void the_steps_are_those_of_the_javadoc_in_order() {
        assertThat(names(false)).containsExactly(
                "directories", "cgroup", "helper", "stdio", "unshare pid", "join cgroup", "unshare cgroup",
                "unshare mnt", "private mounts", "unshare uts", "hostname", "unshare ipc", "unshare net", "loopback",
                "address allocation", "bridge", "outbound nat", "hosts files", "veth pair", "plug into bridge",
                "address and route", "publish ports",
                "overlay rootfs", "mount proc", "mount sys", "mount dev", "mount tmp", "mount hosts files", "pivot-root", "mask paths",
                "drop capabilities", "set user", "no new privileges", "exec");
    }

    @Test
    void a_detached_plan_is_the_same_plan_with_its_supervisor_prepared_before_stdio_and_the_pid_namespace() {
        ContainerSpec spec = ContainerSpec.builder().image("busybox").detach(true).build();
        List<String> detached = RunPlan.forSpec(spec, false).steps().stream().map(Step::name).toList();
        assertThat(detached).containsOnlyOnce("supervise").hasSize(names(false).size() + 1);
        assertThat(detached.stream().filter(n -> !n.equals("supervise")).toList()).isEqualTo(names(false));
        assertBefore(detached, "helper", "supervise");
        assertBefore(detached, "supervise", "stdio");
        assertBefore(detached, "supervise", "unshare pid");
        assertThat(names(false)).doesNotContain("supervise");
    }

    @Test
    void the_readme_counts_the_steps_right_34_on_the_bridge_25_without_a_network_one_more_with_userns() {
        assertThat(names("bridge")).hasSize(34);
        assertThat(names("none")).hasSize(25);
        assertThat(names(true)).hasSize(names(false).size() + 1);
    }

    @Test
    void the_user_namespace_step_is_there_only_with_userns() {
        assertThat(names(false)).doesNotContain("unshare user");
        List<String> withUserns = names(true);
        assertThat(withUserns).containsOnlyOnce("unshare user").hasSize(names(false).size() + 1);
        assertBefore(withUserns, "mask paths", "unshare user");
        assertBefore(withUserns, "unshare user", "drop capabilities");
    }

    @Test
    void the_pid_namespace_comes_before_joining_the_cgroup_which_comes_before_the_cgroup_namespace() {
        List<String> names = names(false);
        assertBefore(names, "unshare pid", "join cgroup");
        assertBefore(names, "join cgroup", "unshare cgroup");
    }

    @Test
    void mounts_are_made_private_right_after_the_mount_namespace_and_before_any_mount() {
        List<String> names = names(false);
        assertThat(names.indexOf("private mounts")).isEqualTo(names.indexOf("unshare mnt") + 1);
        assertBefore(names, "private mounts", "overlay rootfs");
    }

    @Test
    void the_hostname_is_set_in_the_new_uts_namespace() {
        assertBefore(names(false), "unshare uts", "hostname");
    }

    @Test
    void pivot_root_comes_after_the_mounts_and_before_the_masks() {
        List<String> names = names(false);
        assertBefore(names, "mount tmp", "pivot-root");
        assertBefore(names, "pivot-root", "mask paths");
    }

    @Test
    void privileges_are_dropped_in_order_and_exec_comes_last() {
        List<String> names = names(true);
        assertBefore(names, "drop capabilities", "set user");
        assertBefore(names, "set user", "no new privileges");
        assertBefore(names, "no new privileges", "exec");
        assertThat(names).last().isEqualTo("exec");
    }

    @Test
    void only_directories_cgroup_helper_join_cgroup_and_the_network_on_the_host_run_on_the_host() {
        ContainerSpec spec = ContainerSpec.builder().image("busybox").userns(true).build();
        assertThat(RunPlan.forSpec(spec, true).steps()).filteredOn(step -> !step.inHelper())
                .extracting(Step::name).containsExactly("directories", "cgroup", "helper", "join cgroup", "address allocation",
                        "bridge", "outbound nat", "hosts files", "veth pair", "plug into bridge",
                        "address and route", "publish ports");
    }

    @Test
    void the_default_network_is_the_bridge_and_a_user_defined_one_has_the_same_steps() {
        assertThat(names(false)).containsAll(NETWORK_STEPS);
        assertThat(names("mynet")).isEqualTo(names(false));
    }

    @Test
    void network_none_has_a_namespace_with_only_lo_and_host_no_namespace_at_all() {
        assertThat(names("none")).contains("unshare net", "loopback").doesNotContainAnyElementsOf(NETWORK_STEPS);
        assertThat(names("host")).doesNotContain("unshare net", "loopback")
                .doesNotContain("bridge", "veth pair", "address and route", "publish ports")
                .contains("hosts files", "mount hosts files"); // copies of the host's own
    }

    @Test
    void the_veth_is_made_once_the_network_namespace_exists_and_the_hosts_files_before_the_overlay_is_mounted() {
        List<String> names = names(false);
        assertBefore(names, "unshare net", "veth pair");
        assertBefore(names, "address allocation", "veth pair");
        assertBefore(names, "veth pair", "address and route");
        assertBefore(names, "hosts files", "overlay rootfs");
        assertBefore(names, "overlay rootfs", "mount hosts files");
        assertBefore(names, "mount hosts files", "pivot-root");
    }
}
