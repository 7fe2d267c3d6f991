package jlab.engine.stepmode;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.plan.Plan;
import jlab.engine.plan.StepListener;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.ExecStep;
import jlab.engine.step.ForkStep;
import jlab.engine.step.JoinContainerCgroupStep;
import jlab.engine.step.SetnsStep;
import jlab.engine.step.StartHelperStep;
import jlab.engine.step.StdioStep;
import jlab.engine.step.Step;

/**
 * {@code exec CMD} in a container under construction, as it stands now: a
 * second helper joins the namespaces of the construction's process that differ
 * from jlab's own (user last), forks (so that its child is in the new PID
 * namespace, if there is one), joins the container's cgroup if the
 * construction's process is in it, and execs CMD with jlab's standard streams.
 * {@code exec}'s own steps ({@link jlab.engine.running.ExecPlan}), minus the
 * privileges: the construction has not dropped them yet either.
 *
 * <p>What CMD sees is the construction's state, not a finished container's:
 * before pivot_root its root is still the host's (a /proc mounted by the
 * construction is at ROOTFS/proc, not /proc), so {@code ps} lists the host's
 * processes until the root is the container's.
 */
public final class ConstructionExec {
    private ConstructionExec() {}

    /** The plan: nothing is made yet. */
    public static Plan plan(Construction c) {
        ContainerBuild target = c.build();
        long pid = target.processPid();
        List<Step> s = new ArrayList<>();
        s.add(new StartHelperStep(true));
        SetnsStep setns = SetnsStep.into(pid);
        if (!setns.namespaces().isEmpty()) s.add(setns);
        s.add(new StdioStep());
        s.add(new ForkStep());
        if (c.isAppliedNamed("join cgroup") && c.cgroupPath() != null) s.add(new JoinContainerCgroupStep(c.cgroupPath()));
        s.add(new ExecStep());
        return new Plan(s);
    }

    /** Runs CMD and waits; its exit code. The second helper is all it makes, and it is reaped. */
    public static int run(Construction c, List<String> command, boolean interactive, StepListener listener) {
        if (command.isEmpty()) throw new EngineException("exec needs a command: exec ps, exec hostname, exec sh");
        if (!c.build().hasHelper() || c.ended()) throw new EngineException("container " + c.name() + " has no process to exec in");
        ContainerSpec spec = c.build().spec();
        ContainerSpec execSpec = ContainerSpec.builder().name(spec.name()).image(spec.image()).rootfs(spec.rootfs())
                .command(command).env(spec.env()).workdir("/").hostname(spec.hostname()).interactive(interactive)
                .build();
        ContainerBuild b = new ContainerBuild(c.id(), c.name(), execSpec, c.build().image(), c.build().stateDir(),
                c.build().cgroups(), c.build().helperBinary());
        Plan plan = plan(c);
        try {
            plan.applyAll(b, listener);
            listener.started(b);
            return b.helper().waitFor();
        } finally {
            plan.undoApplied(b, step -> true);
        }
    }
}
