package jlab.engine.step;

import java.util.ArrayList;
import java.util.List;

import jlab.kernel.caps.Capability;

/**
 * Drops every capability but Docker's default fourteen. Root's power is cut
 * into some forty capabilities; a container's root keeps the harmless ones
 * (chown, kill, net_bind_service...) and loses CAP_SYS_ADMIN (mount, and much
 * more), CAP_NET_ADMIN, CAP_SYS_MODULE, CAP_SYS_PTRACE... Dropping them from
 * the bounding set means not even a setuid program can get them back.
 */
public final class CapabilitiesStep implements Step {
    @Override
    public String name() { return "drop capabilities"; }

    /** Docker's defaults; without CAP_SYS_CHROOT where the root is only a chroot (see {@link PivotRootStep}). */
    static List<String> kept() {
        List<String> names = new ArrayList<>();
        for (Capability c : Capability.DOCKER_DEFAULTS) {
            if (c == Capability.SYS_CHROOT && PivotRootStep.hostRootIsInitramfs()) continue;
            names.add(c.shortName());
        }
        return names;
    }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Keep only Docker's 14 default capabilities: no CAP_SYS_ADMIN, no CAP_NET_ADMIN, no CAP_SYS_MODULE.",
                "prctl(PR_CAPBSET_DROP, CAP_SYS_ADMIN) ... ; capset(...)",
                "capsh --drop=cap_sys_admin,... --",
                "grep Cap /proc/" + (b.hasHelper() ? b.processPid() : "PID") + "/status; capsh --decode=00000000a80425fb");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("caps", kept().toArray(new String[0]));
    }
}
