package jlab.engine.step;

/** Sets the hostname, in the container's own UTS namespace: the host's stays as it was. */
public final class HostnameStep implements Step {
    @Override
    public String name() { return "hostname"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Name the container's host \"" + b.hostname() + "\". Only its UTS namespace changes.",
                "sethostname(\"" + b.hostname() + "\", " + b.hostname().length() + ")",
                "hostname " + b.hostname(),
                "nsenter --uts --target " + (b.hasHelper() ? b.processPid() : "PID") + " hostname — and plain hostname"
                        + " on the host, unchanged");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("sethostname", b.hostname());
    }
}
