package jlab.engine.step;

/** Sets the hostname, in the container's own UTS namespace: the host's stays as it was. */
public final class HostnameStep implements Step {
    /** The name to set; null: the container's (--hostname, or its short id). */
    private final String hostname;

    public HostnameStep() { this(null); }

    /** Step mode's {@code hostname NAME}: this name instead of the spec's. */
    public HostnameStep(String hostname) { this.hostname = hostname; }

    private String hostname(ContainerBuild b) { return hostname != null ? hostname : b.hostname(); }

    @Override
    public String name() { return "hostname"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        return new Explanation(
                "Name the container's host \"" + hostname(b) + "\". Only its UTS namespace changes.",
                "sethostname(\"" + hostname(b) + "\", " + hostname(b).length() + ")",
                "hostname " + hostname(b),
                "nsenter --uts --target " + (b.hasHelper() ? b.processPid() : "PID") + " hostname — and plain hostname"
                        + " on the host, unchanged");
    }

    @Override
    public void apply(ContainerBuild b) {
        b.helper().call("sethostname", hostname(b));
    }
}
