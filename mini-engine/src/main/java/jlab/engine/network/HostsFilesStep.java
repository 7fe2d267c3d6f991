package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jlab.engine.state.ContainerPaths;
import jlab.engine.step.ContainerBuild;
import jlab.engine.step.Explanation;
import jlab.engine.step.Step;

/**
 * Writes the container's /etc/hosts and /etc/resolv.conf on the host, in its
 * directory, for {@link MountHostsFilesStep} to bind-mount. On a user-defined
 * network the hosts file names every other container of the network, and
 * theirs are rewritten to name this one: that is how they reach each other by
 * name (Docker uses an embedded DNS server instead; the effect is the same).
 * With {@code --network host} the container shares the host's network, so it
 * gets copies of the host's own two files, as Docker's do.
 */
public final class HostsFilesStep implements Step {
    @Override
    public String name() { return "hosts files"; }

    @Override
    public Explanation explain(ContainerBuild b) {
        if (hostNetwork(b)) {
            return new Explanation("Copy the host's /etc/hosts and /etc/resolv.conf into the container's directory: with"
                    + " --network host the container uses the host's network, names and nameservers.",
                    "open(\"/etc/hosts\") + read(2); open(\"" + HostsFiles.hosts(b.paths()) + "\", O_WRONLY|O_CREAT) + write(2) ...",
                    "cp /etc/hosts " + HostsFiles.hosts(b.paths()) + "; cp /etc/resolv.conf " + HostsFiles.resolvConf(b.paths()),
                    "cat " + HostsFiles.hosts(b.paths()));
        }
        NetworkConfig n = Networks.of(b);
        return new Explanation(
                "Write the container's /etc/hosts (localhost, itself" + (n.namesPeers() ? ", every container of network "
                        + n.name() + ", whose own hosts files are rewritten to name it" : "") + ") and /etc/resolv.conf"
                        + " (the host's nameservers, without loopback ones) in its directory on the host.",
                "open(\"" + HostsFiles.hosts(b.paths()) + "\", O_WRONLY|O_CREAT|O_TRUNC) + write(2), the same for resolv.conf",
                "printf '127.0.0.1 localhost\\n...' > " + HostsFiles.hosts(b.paths()),
                "cat " + HostsFiles.hosts(b.paths()) + " " + HostsFiles.resolvConf(b.paths()));
    }

    static boolean hostNetwork(ContainerBuild b) { return NetworkStore.HOST.equals(b.spec().network()); }

    @Override
    public void apply(ContainerBuild b) {
        if (hostNetwork(b)) {
            try {
                placeholder(b, "etc/hosts");
                placeholder(b, "etc/resolv.conf");
                Path hosts = Path.of("/etc/hosts");
                Files.writeString(HostsFiles.hosts(b.paths()), Files.exists(hosts) ? Files.readString(hosts)
                        : HostsFiles.hostsText(new Endpoint("host", "", "", "", "127.0.1.1", "", "", b.name(), b.hostname(),
                                List.of()), List.of()));
                Files.writeString(HostsFiles.resolvConf(b.paths()), String.join("\n", HostsFiles.hostResolvConf()) + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + HostsFiles.hosts(b.paths()) + ": " + e.getMessage(), e);
            }
            return;
        }
        Endpoint self = Endpoint.load(b.paths()).orElseThrow(() -> new IllegalStateException("no endpoint recorded"));
        NetworkConfig n = Networks.of(b);
        try {
            placeholder(b, "etc/hosts");
            placeholder(b, "etc/resolv.conf");
            Files.writeString(HostsFiles.resolvConf(b.paths()), HostsFiles.resolvText(HostsFiles.hostResolvConf()));
            if (!n.namesPeers()) {
                Files.writeString(HostsFiles.hosts(b.paths()), HostsFiles.hostsText(self, List.of()));
                return;
            }
            Files.writeString(HostsFiles.hosts(b.paths()), HostsFiles.hostsText(self, List.of()));
            HostsFiles.rewriteAll(new AddressAllocator(Path.of(self.addressesDir()), n.subnetRange(), n.gatewayAddress()), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + HostsFiles.hosts(b.paths()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * A bind mount needs a file to mount over. If the image has none, an empty one
     * is made in the container's upper directory before the overlay is mounted
     * (writing to upper/ under a mounted overlay is not allowed).
     */
    private static void placeholder(ContainerBuild b, String path) throws IOException {
        if (b.image().file(path).isPresent()) return;
        Path upper = b.paths().upper().resolve(path);
        if (Files.exists(upper)) return;
        Files.createDirectories(upper.getParent());
        Files.createFile(upper);
    }

    @Override
    public void undo(ContainerBuild b) { undoFor(b.paths()); }

    /** Takes the container out of its peers' hosts files and deletes its own files. */
    static void undoFor(ContainerPaths c) {
        Endpoint.load(c).filter(e -> !e.bridge().equals(NetworkStore.DEFAULT_BRIDGE) && e.address() != null)
                .ifPresent(e -> HostsFiles.rewriteAll(new AddressAllocator(Path.of(e.addressesDir()),
                        Subnet.parse(e.subnet()), Ipv4.parse(e.gateway())), e.address()));
        try {
            Files.deleteIfExists(HostsFiles.hosts(c));
            Files.deleteIfExists(HostsFiles.resolvConf(c));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean inHelper() { return false; }
}
