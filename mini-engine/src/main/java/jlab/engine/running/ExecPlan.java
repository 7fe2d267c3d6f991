package jlab.engine.running;

import java.util.ArrayList;
import java.util.List;

import jlab.engine.plan.Plan;
import jlab.engine.step.CapabilitiesStep;
import jlab.engine.step.DiscardStdioStep;
import jlab.engine.step.ExecStep;
import jlab.engine.step.ForkStep;
import jlab.engine.step.JoinContainerCgroupStep;
import jlab.engine.step.NoNewPrivsStep;
import jlab.engine.step.SetUserStep;
import jlab.engine.step.SetnsStep;
import jlab.engine.step.StartHelperStep;
import jlab.engine.step.StdioStep;
import jlab.engine.step.Step;

/**
 * The steps of {@code jlab exec}: {@code run}'s plan without the making. The
 * namespaces, the root and the cgroup exist already; the helper joins them
 * instead of creating them, then takes the same last steps as {@code run}:
 * <ol>
 * <li>the helper; setns into the container's namespaces, the user namespace last;</li>
 * <li>its standard streams, opened in the container's /dev (with -t: a terminal of the container's devpts);</li>
 * <li>fork: the child is in the container's PID namespace; into the container's cgroup;</li>
 * <li>capabilities (Docker's default set), user, no_new_privs; chdir and exec.</li>
 * </ol>
 * Like {@code runc exec}, which runs the same nsenter stage as {@code runc run}.
 */
public final class ExecPlan {
    private ExecPlan() {}

    public static Plan forContainer(LiveContainer c, ExecOptions o) {
        List<Step> s = new ArrayList<>();
        s.add(new StartHelperStep(!o.detach()));
        s.add(SetnsStep.into(c.pid()));
        // After setns: /dev is the container's, so -t opens its /dev/ptmx and the terminal is one of the
        // container's own devpts (tty inside prints /dev/pts/0), as runc allocates it.
        s.add(o.detach() ? new DiscardStdioStep() : new StdioStep());
        s.add(new ForkStep());
        if (c.record().cgroup() != null) s.add(new JoinContainerCgroupStep(c.record().cgroup()));
        s.add(new CapabilitiesStep());
        s.add(new SetUserStep());
        s.add(new NoNewPrivsStep());
        s.add(new ExecStep());
        return new Plan(s);
    }
}
