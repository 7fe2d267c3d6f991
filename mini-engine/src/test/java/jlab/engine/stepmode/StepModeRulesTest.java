package jlab.engine.stepmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.plan.RunPlan;
import jlab.engine.step.Step;
import jlab.kernel.cgroup.CgroupLimits;

/** Step mode's rules without the kernel: which step needs which, and how typed words become steps. */
class StepModeRulesTest {
    private final List<Step> plan = RunPlan.forSpec(ContainerSpec.builder().image("busybox").build(), true).steps();
    private final Set<String> applied = new HashSet<>(List.of("directories", "cgroup", "helper"));

    private Step step(String name) { return StepWords.byName(plan, name); }

    private String refusal(String name) { return Prerequisites.refusal(plan, applied::contains, step(name)).orElse(null); }

    @Test
    void pivot_root_before_the_overlay_is_refused_with_the_step_it_needs_and_why() {
        applied.addAll(List.of("unshare mnt", "private mounts"));
        assertThat(refusal("pivot-root")).isEqualTo("'pivot-root' must come after 'overlay rootfs': pivot_root(2) needs"
                + " the new root to be a mount point (EINVAL otherwise)");
        applied.add("overlay rootfs");
        assertThat(refusal("pivot-root")).isNull();
    }

    @Test
    void hostname_needs_the_uts_namespace_and_nothing_else() {
        assertThat(refusal("hostname")).startsWith("'hostname' must come after 'unshare uts'").contains("rename the host");
        assertThat(refusal("unshare uts")).isNull(); // out of the plan's order, but the kernel allows it
        applied.add("unshare uts");
        assertThat(refusal("hostname")).isNull();
    }

    @Test
    void mounts_need_the_mount_namespace_and_veth_needs_the_network_namespace_bridge_and_address() {
        assertThat(refusal("overlay rootfs")).startsWith("'overlay rootfs' must come after 'unshare mnt'");
        assertThat(refusal("mount proc")).startsWith("'mount proc' must come after 'overlay rootfs'");
        assertThat(refusal("veth")).startsWith("'veth pair' must come after 'unshare net'");
        applied.addAll(List.of("unshare net", "bridge"));
        assertThat(refusal("veth")).startsWith("'veth pair' must come after 'address allocation'");
    }

    @Test
    void a_step_with_no_declared_prerequisites_needs_every_earlier_step_and_exec_comes_last() {
        assertThat(refusal("drop capabilities")).startsWith("'drop capabilities' must come after 'stdio'")
                .contains("every earlier step");
        plan.stream().map(Step::name).filter(n -> !n.equals("no new privileges") && !n.equals("exec")).forEach(applied::add);
        assertThat(refusal("exec")).isEqualTo("'exec' must come after 'no new privileges': exec comes last: once the"
                + " helper becomes the command, no step can be applied to it any more");
    }

    @Test
    void typed_names_resolve_exactly_by_unique_start_or_with_a_suggestion() {
        assertThat(step("unshare uts").name()).isEqualTo("unshare uts");
        assertThat(step("veth").name()).isEqualTo("veth pair");
        assertThat(step("pivot_root").name()).isEqualTo("pivot-root");
        assertThat(step("overlay").name()).isEqualTo("overlay rootfs");
        assertThatThrownBy(() -> step("unshare")).isInstanceOf(EngineException.class)
                .hasMessageContaining("names several steps").hasMessageContaining("unshare uts");
        assertThatThrownBy(() -> step("unshare utz")).hasMessageContaining("did you mean 'unshare uts'?");
        assertThatThrownBy(() -> step("frobnicate")).hasMessageStartingWith("no step 'frobnicate' in this plan")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void cgroup_limits_parse_sizes_cpus_and_counts_and_refuse_bad_values_in_one_line() {
        CgroupLimitStep memory = CgroupLimitStep.parse("memory", "64m");
        assertThat(memory.value()).isEqualTo(64L << 20);
        assertThat(memory.name()).isEqualTo("cgroup memory 64m");
        assertThat(CgroupLimitStep.parse("cpus", "0.5").value()).isEqualTo(50_000);
        assertThat(CgroupLimitStep.parse("pids", "50").value()).isEqualTo(50);
        assertThatThrownBy(() -> CgroupLimitStep.parse("memory", "lots")).hasMessageContaining("a size such as 64m");
        assertThatThrownBy(() -> CgroupLimitStep.parse("memory", "1k")).hasMessageContaining("a size such as 64m");
        assertThatThrownBy(() -> CgroupLimitStep.parse("cpus", "0")).hasMessageContaining("above 0");
        assertThatThrownBy(() -> CgroupLimitStep.parse("pids", "-3")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> CgroupLimitStep.parse("disk", "1g")).hasMessageContaining("memory, cpus or pids");
    }

    @Test
    void a_limit_files_text_reads_back_as_the_limit_to_restore() {
        assertThat(CgroupLimitStep.parse(CgroupLimitStep.Kind.MEMORY, "max")).isEqualTo(CgroupLimits.UNLIMITED);
        assertThat(CgroupLimitStep.parse(CgroupLimitStep.Kind.MEMORY, "9223372036854771712")).isEqualTo(CgroupLimits.UNLIMITED);
        assertThat(CgroupLimitStep.parse(CgroupLimitStep.Kind.MEMORY, "67108864")).isEqualTo(67108864L);
        assertThat(CgroupLimitStep.parse(CgroupLimitStep.Kind.CPUS, "50000 100000")).isEqualTo(50000L);
        assertThat(CgroupLimitStep.parse(CgroupLimitStep.Kind.CPUS, "-1")).isEqualTo(CgroupLimits.UNLIMITED);
        assertThat(CgroupLimitStep.parse(CgroupLimitStep.Kind.PIDS, "max")).isEqualTo(CgroupLimits.UNLIMITED);
    }
}
