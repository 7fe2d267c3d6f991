package jlab.engine.stepmode;

import java.util.Optional;

import jlab.engine.EngineException;
import jlab.engine.network.AllocateAddressStep;
import jlab.engine.network.BridgeStep;
import jlab.engine.network.HostsFilesStep;
import jlab.engine.network.OutboundNatStep;
import jlab.engine.network.PublishPortsStep;
import jlab.engine.network.VethStep;
import jlab.engine.step.*;
import jlab.kernel.ns.Namespace;

/**
 * {@code undo}: reverts the last applied step where the kernel allows it, and
 * says why not where it does not. Reverting is not always the step's own
 * {@link Step#undo} (which only cleans the host at teardown): leaving a
 * namespace is a setns(2) back into jlab's own; a mount is unmounted; a
 * hostname or a cgroup limit gets its previous value back.
 */
final class Undo {
    private Undo() {}

    /** Reverts {@code step}, or throws the one line that says why the kernel does not allow it. Returns a note, or null. */
    static String revert(Construction c, Step step) {
        ContainerBuild b = c.build();
        String jlabPid = Long.toString(ProcessHandle.current().pid());
        if (step instanceof UnshareStep u) {
            Namespace ns = u.namespace();
            // setns(2) into the namespace jlab itself is in: the helper is single-threaded, so the kernel lets it.
            b.helper().call("setns", jlabPid, ns.procName());
            b.namespaces().remove(ns);
            return "setns(" + "open(\"/proc/" + jlabPid + "/ns/" + ns.procName() + "\"), " + ns.cloneFlagName()
                    + "): back in jlab's own " + ns.procName() + " namespace; the container's is gone with its last process";
        }
        if (step instanceof HostnameStep) {
            String previous = c.hostnameBefore(step);
            b.helper().call("sethostname", previous);
            return "sethostname(\"" + previous + "\"): the name it had before";
        }
        if (step instanceof CgroupLimitStep limit) {
            limit.undo(b);
            return "the limit file holds its previous value again";
        }
        Optional<String> target = mountTarget(step, b);
        if (target.isPresent()) {
            // MNT_DETACH: the mount and every mount under it leave the tree now (umount -l).
            b.helper().call("umount", target.get(), "detach");
            return "umount2(\"" + target.get() + "\", MNT_DETACH)";
        }
        if (step instanceof PrivateMountsStep) {
            b.helper().call("mount", "", "/", "", "rec,shared", "");
            return "mount(NULL, \"/\", NULL, MS_REC|MS_SHARED, NULL): propagation shared again";
        }
        if (step instanceof VethStep || step instanceof PublishPortsStep || step instanceof AllocateAddressStep
                || step instanceof HostsFilesStep) {
            step.undo(b); // host-side: the same undo as the teardown's
            return "undone on the host";
        }
        if (step instanceof BridgeStep || step instanceof OutboundNatStep) {
            return "the bridge and its NAT rule stay: every container of the network shares them (jlab gc removes an unused default one)";
        }
        throw new EngineException("cannot undo '" + step.name() + "': " + whyNot(step));
    }

    /** Where the step mounted, as the helper names it now; empty for a step that mounts nothing. */
    private static Optional<String> mountTarget(Step step, ContainerBuild b) {
        if (step instanceof OverlayRootfsStep) return Optional.of(b.paths().rootfs().toString());
        if (step instanceof MountProcStep) return Optional.of(b.path("/proc"));
        if (step instanceof MountSysStep) return Optional.of(b.path("/sys"));
        if (step instanceof MountDevStep) return Optional.of(b.path("/dev"));
        if (step instanceof MountTmpStep) return Optional.of(b.path("/tmp"));
        return Optional.empty();
    }

    /** The kernel's reason, in one sentence a student can act on. */
    static String whyNot(Step step) {
        if (step instanceof PivotRootStep) {
            return "the old root was unmounted after pivot_root(2): there is nothing to pivot back to (rm -f the container and new it again)";
        }
        if (step instanceof PidNamespaceStep) {
            return "a process never leaves its PID namespace: PID 1 is PID 1 until it exits (setns(CLONE_NEWPID) only moves future children)";
        }
        if (step instanceof CapabilitiesStep) {
            return "a dropped capability never comes back: the bounding set can only shrink";
        }
        if (step instanceof NoNewPrivsStep) {
            return "PR_SET_NO_NEW_PRIVS can never be unset, by design: it is inherited and irreversible";
        }
        if (step instanceof SetUserStep) {
            return "a process that gave up root (setuid) cannot become root again";
        }
        if (step instanceof UserNamespaceStep) {
            return "a process cannot go back to a parent user namespace: setns(2) into it needs capabilities it has only in its own";
        }
        if (step instanceof StdioStep) {
            return "the helper's standard streams were replaced, and the old ones closed";
        }
        if (step instanceof StartHelperStep || step instanceof CgroupStep || step instanceof ContainerDirStep) {
            return "it is one of the steps new made: rm -f the container to abandon it";
        }
        if (step instanceof JoinCgroupStep) {
            return "jlab does not move a process back out of the container's cgroup (echo PID > another cgroup.procs would)";
        }
        if (step instanceof MaskPathsStep) {
            return "the masks are many mounts over /proc and /sys paths; jlab does not unmount them one by one";
        }
        return "jlab does not revert this step (rm -f the container to abandon it)";
    }
}
