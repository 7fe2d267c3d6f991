package jlab.engine.step;

/**
 * Brings up {@code lo}. A new network namespace holds a single device, the
 * loopback, and it starts down: without this, even 127.0.0.1 is unreachable.
 */
public final class LoopbackStep implements Step {
    @Override
    public String name() { return "loopback"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Bring up the loopback device, the only one a new network namespace has.",
                "ioctl(sock, SIOCSIFFLAGS, {\"lo\", IFF_UP})",
                "ip link set lo up",
                "nsenter --net --target " + (b.hasHelper() ? b.processPid() : "PID") + " ip addr — lo is UP, nothing else");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("ifup", "lo");
    }
}
