package jlab.engine.network;

import java.nio.file.Path;

/**
 * What every jlab on the host shares, whatever its state directory: host ports,
 * the default bridge {@code jlab0} and its addresses. They are host-wide
 * resources (one port 8080, one link named jlab0), so their bookkeeping is
 * host-wide too: {@code /run/jlab}, a tmpfs emptied at boot exactly when the
 * links, rules and containers it describes vanish. {@code JLAB_RUN_DIR} moves it.
 */
public final class HostWide {
    private HostWide() {}

    public static Path root() {
        String dir = System.getenv("JLAB_RUN_DIR");
        return dir == null || dir.isBlank() ? Path.of("/run/jlab") : Path.of(dir).toAbsolutePath();
    }

    /** The addresses handed out on a bridge that several state directories share. */
    public static Path addresses(String bridge) { return root().resolve("networks").resolve(bridge).resolve("addresses"); }

    /** Host ports taken by published ports: {@code ports/tcp-8080}. */
    public static Path ports() { return root().resolve("ports"); }

    /** Held while jlab checks and adds the netfilter rules of a network, so two jlabs do not add them twice. */
    public static Path netfilterLock() { return root().resolve("netfilter.lock"); }
}
