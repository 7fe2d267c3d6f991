package jlab.engine.network;

import java.util.List;

import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/**
 * Bind-mounts the hosts files jlab keeps on the host over the container's
 * /etc/hosts and /etc/resolv.conf. A bind mount of a file makes the same inode
 * appear at a second path, inside the container's mount namespace only: when
 * jlab rewrites the host's copy, the container reads the new text.
 */
public final class MountHostsFilesStep implements Step {
    @Override
    public String name() { return "mount hosts files"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        String src = HostsFiles.hosts(b.paths()).toString();
        return new Explanation(
                "Bind-mount the host's copies of /etc/hosts and /etc/resolv.conf into the container's root.",
                "mount(\"" + src + "\", \"" + b.path("/etc/hosts") + "\", NULL, MS_BIND, NULL), the same for resolv.conf",
                "mount --bind " + src + " " + b.path("/etc/hosts"),
                "grep /etc/ /proc/" + Networks.pid(b) + "/mountinfo — two files mounted from the host");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().pipeline(List.of(
                List.of("mount", HostsFiles.hosts(b.paths()).toString(), b.path("/etc/hosts"), "", "bind", ""),
                List.of("mount", HostsFiles.resolvConf(b.paths()).toString(), b.path("/etc/resolv.conf"), "", "bind", "")));
    }
}
