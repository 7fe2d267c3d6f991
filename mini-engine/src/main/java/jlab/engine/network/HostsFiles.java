package jlab.engine.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import jlab.engine.state.ContainerPaths;
import jlab.engine.state.StateDir;

/**
 * The container's /etc/hosts and /etc/resolv.conf, kept on the host in
 * {@code containers/ID/} and bind-mounted over the image's: so jlab can rewrite
 * /etc/hosts from the host when a peer joins or leaves a user-defined network,
 * and the container sees the change at once (the file is rewritten in place:
 * a bind mount pins the inode, and a new file renamed over it would not show).
 */
public final class HostsFiles {
    private HostsFiles() {}

    public static Path hosts(ContainerPaths c) { return c.dir().resolve("hosts"); }

    public static Path resolvConf(ContainerPaths c) { return c.dir().resolve("resolv.conf"); }

    /** Docker's /etc/hosts: localhost, the container itself, and on a user-defined network its peers. */
    static String hostsText(Endpoint self, List<Endpoint> peers) {
        StringBuilder sb = new StringBuilder("127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n");
        sb.append(self.address()).append('\t').append(self.hostname());
        if (!self.containerName().equals(self.hostname())) sb.append(' ').append(self.containerName());
        sb.append('\n');
        for (Endpoint p : peers) {
            sb.append(p.address()).append('\t').append(p.containerName());
            if (!p.hostname().equals(p.containerName())) sb.append(' ').append(p.hostname());
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The host's resolv.conf without its loopback nameservers (127.0.0.53 of
     * systemd-resolved means nothing inside another network namespace), as
     * Docker does; with none left, Docker's fallback (Google's public DNS).
     */
    static String resolvText(List<String> hostLines) {
        List<String> out = new ArrayList<>();
        boolean anyServer = false;
        for (String line : hostLines) {
            String t = line.trim();
            if (t.startsWith("nameserver")) {
                String[] f = t.split("\\s+");
                if (f.length < 2 || f[1].startsWith("127.") || f[1].equals("::1")) continue;
                anyServer = true;
            }
            if (t.startsWith("search") || t.startsWith("options") || t.startsWith("nameserver")) out.add(t);
        }
        if (!anyServer) {
            out.add("nameserver 8.8.8.8");
            out.add("nameserver 8.8.4.4");
        }
        return String.join("\n", out) + "\n";
    }

    static List<String> hostResolvConf() {
        try {
            return Files.readAllLines(Path.of("/etc/resolv.conf"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The other containers on a user-defined network, from its allocator and their records. */
    static List<Endpoint> members(AddressAllocator allocator) {
        List<Endpoint> members = new ArrayList<>();
        for (String owner : allocator.taken().values()) {
            int space = owner.indexOf(' ');
            if (space < 0) continue;
            ContainerPaths c = new StateDir(Path.of(owner.substring(space + 1))).container(owner.substring(0, space));
            Endpoint.load(c).filter(e -> e.address() != null).ifPresent(members::add);
        }
        return members;
    }

    /**
     * Rewrites the hosts file of every member of the network, under the network's lock;
     * {@code leaving} (an address, or null) is left out, as a container that is going.
     */
    static void rewriteAll(AddressAllocator allocator, String leaving) {
        Path lock = allocator.dir().resolveSibling("hosts.lock");
        try {
            Files.createDirectories(allocator.dir());
            try (FileChannel ch = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock held = ch.lock()) {
                List<Endpoint> members = members(allocator).stream().filter(m -> !m.address().equals(leaving)).toList();
                for (String owner : allocator.taken().values()) {
                    int space = owner.indexOf(' ');
                    if (space < 0) continue;
                    ContainerPaths c = new StateDir(Path.of(owner.substring(space + 1))).container(owner.substring(0, space));
                    Endpoint self = Endpoint.load(c).orElse(null);
                    if (self == null || self.address() == null || self.address().equals(leaving)) continue;
                    if (!Files.exists(hosts(c))) continue;
                    List<Endpoint> peers = members.stream()
                            .filter(m -> !m.address().equals(self.address())).toList();
                    Files.writeString(hosts(c), hostsText(self, peers)); // in place: same inode
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite the hosts files of " + allocator.dir() + ": " + e.getMessage(), e);
        }
    }
}
