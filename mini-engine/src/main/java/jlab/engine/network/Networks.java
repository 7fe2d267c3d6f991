package jlab.engine.network;

import jlab.engine.step.ContainerBuild;

/** The network a container asked for (--network), as the network steps need it. */
final class Networks {
    private Networks() {}

    static NetworkConfig of(ContainerBuild b) {
        return new NetworkStore(b.stateDir()).resolve(b.spec().network());
    }

    /** The engine's tag in rules and claims: its cgroup parent (jlab, or jlab-HASH). */
    static String engine(ContainerBuild b) { return b.stateDir().cgroupParent(); }

    static String pid(ContainerBuild b) { return b.hasHelper() && b.initPid() > 0 ? Long.toString(b.initPid()) : "PID"; }
}
