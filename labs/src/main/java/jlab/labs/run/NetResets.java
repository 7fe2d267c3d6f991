package jlab.labs.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

import jlab.kernel.KernelException;
import jlab.kernel.net.Address;
import jlab.kernel.net.Link;
import jlab.kernel.net.RtNetlink;
import jlab.kernel.ns.Namespace;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.host.HostView;
import jlab.labs.host.JlabContainers;
import jlab.labs.host.NetNamespaces;
import jlab.labs.host.NetSide;
import jlab.labs.host.NetfilterRules;
import jlab.labs.host.Proc;

/**
 * The network labs' resets, each by the lab's own names: a named network
 * namespace, a host link, an address of the lab's subnet (the container
 * lab's, whose links and namespace the student may name as they like), the
 * netfilter rules naming the lab's addresses and ports.
 */
final class NetResets {
    private static final int SIGKILL = 9;

    private NetResets() {}

    /**
     * {@code ip netns del NAME}, and what it leaves: a namespace lives while a
     * process is in it or a mount holds it. So SIGKILL to the processes whose
     * /proc/PID/ns/net is that inode (an httpd started with {@code ip netns
     * exec}), then umount /run/netns/NAME and remove the file. Its links go
     * with it, and a veth's peer on the host with them.
     */
    static void removeNetns(String name, HostView host, List<String> done) {
        Path file = NetNamespaces.path(name);
        OptionalLong inode = NetNamespaces.inode(name);
        if (inode.isPresent()) {
            List<Long> killed = new ArrayList<>();
            for (Proc p : host.processes()) {
                if (p.ns(Namespace.NET) == inode.getAsLong() && Syscalls.get().kill(p.pid(), SIGKILL)) {
                    killed.add(p.pid());
                    done.add("killed " + p.label() + " (in network namespace " + name + ")");
                }
            }
            waitGone(killed);
        }
        while (NetNamespaces.mounted(name)) {
            Syscalls.get().umount(file.toString(), true);
            done.add("unmounted " + file);
        }
        try {
            if (Files.deleteIfExists(file)) done.add("removed " + file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot remove " + file + ": " + e.getMessage(), e);
        }
    }

    /** A killed process leaves its namespace once it has exited: wait a little, so the links are gone when reset returns. */
    private static void waitGone(List<Long> pids) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (long pid : pids) {
            while (Files.exists(Path.of("/proc/" + pid + "/ns/net"), LinkOption.NOFOLLOW_LINKS) && alive(pid) && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    /** A lab's address with its prefix, in 10.0.0.0/8 as every lab's subnet is: {@code 10.203.0.2/24}. */
    static String labAddress(String cidr) {
        if (!cidr.matches("10\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}/\\d{1,2}")) {
            throw new IllegalArgumentException("a lab's address is 10.x.y.z/PREFIX, not '" + cidr + "'");
        }
        return cidr;
    }

    /**
     * A container built by hand, found by its address rather than its
     * hostname: SIGKILL to the processes of every network namespace (not the
     * host's) where a link holds the lab's address — a shell that joined it
     * with nsenter, a process started before {@code hostname} — then a named
     * namespace (/run/netns) holding it, unmounted and removed as
     * {@code remove-netns} does. The namespace goes with its last process
     * and its mount, and its veths with it. jlab's own containers are left
     * to {@code jlab rm}.
     */
    static void killNetAddress(String cidr, HostView host, List<String> done) {
        long hostNet = host.hostNamespace(Namespace.NET);
        Map<Long, List<Proc>> byNamespace = new LinkedHashMap<>();
        for (Proc p : host.processes()) {
            long ns = p.ns(Namespace.NET);
            if (ns != 0 && ns != hostNet && p.pid() != host.self()) byNamespace.computeIfAbsent(ns, k -> new ArrayList<>()).add(p);
        }
        List<Long> killed = new ArrayList<>();
        for (Map.Entry<Long, List<Proc>> ns : byNamespace.entrySet()) {
            Proc first = ns.getValue().get(0);
            if (!holds(host.proc().root().resolve(first.pid() + "/ns/net"), cidr)) continue;
            if (ns.getValue().stream().anyMatch(p -> JlabContainers.holds(host, p))) {
                done.add("left net:[" + ns.getKey() + "] (it holds " + cidr + "): a jlab container's, for jlab rm");
                continue;
            }
            for (Proc p : ns.getValue()) {
                if (Syscalls.get().kill(p.pid(), SIGKILL)) {
                    killed.add(p.pid());
                    done.add("killed " + p.label() + " (its network namespace holds " + cidr + ")");
                }
            }
        }
        waitGone(killed);
        for (String name : namedNamespaces()) {
            if (NetNamespaces.mounted(name) && holds(NetNamespaces.path(name), cidr)) removeNetns(name, host, done);
        }
    }

    /** Whether a link of the namespace that file names holds the address; false when it went meanwhile. */
    private static boolean holds(Path netnsFile, String cidr) {
        try {
            return NetSide.at(netnsFile).holding(cidr).isPresent();
        } catch (KernelException gone) {
            return false;
        }
    }

    private static List<String> namedNamespaces() {
        if (!Files.isDirectory(NetNamespaces.RUN_NETNS)) return List.of();
        try (Stream<Path> s = Files.list(NetNamespaces.RUN_NETNS)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + NetNamespaces.RUN_NETNS + ": " + e.getMessage(), e);
        }
    }

    /**
     * The host end of a lab's veth, whatever the student called it: the
     * host's veths holding the lab's address are deleted (the peer goes
     * along). A link of another kind holding it (a bridge, jlab's network
     * among them) is not the lab's veth: left, and said.
     */
    static void removeVethsWithAddress(String cidr, List<String> done) {
        NetSide host = NetSide.host();
        for (Address a : host.addresses()) {
            if (!a.cidr().equals(cidr)) continue;
            Optional<Link> link = host.link(a.index());
            if (link.isEmpty()) continue;
            if (link.get().kind().equals("veth")) {
                removeLink(link.get().name(), done);
            } else {
                done.add("left " + link.get().name() + " (" + (link.get().kind().isEmpty() ? "no kind" : link.get().kind())
                        + "): it holds " + cidr + " but is not a veth");
            }
        }
    }

    /** {@code ip link del NAME} on the host, if it is there (a veth takes its peer along). */
    static void removeLink(String name, List<String> done) {
        if (NetSide.host().link(name).isEmpty()) return;
        try (RtNetlink nl = RtNetlink.open()) {
            nl.deleteLink(name);
            done.add("deleted link " + name);
        } catch (KernelException e) {
            // ENODEV: it went meanwhile (its peer's namespace was being torn down, which takes it along).
            if (!"ENODEV".equals(e.errnoName())) throw e;
        }
    }

    /**
     * Every netfilter rule naming one of the comma-separated tokens
     * (addresses, ports), then the nft table the lab's instructions name
     * ({@code ip jlabweb}), if the student made it: deleting its rules
     * would leave its empty chains behind.
     */
    static void removeRules(String matching, String nftTable, List<String> done) {
        List<String> tokens = Arrays.stream(matching.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        for (String t : tokens) {
            if (!t.matches("[0-9]+(\\.[0-9]+){0,3}(/[0-9]+)?")) {
                throw new IllegalArgumentException("remove-rules matches addresses and ports only, not '" + t + "'");
            }
        }
        if (nftTable != null && !nftTable.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("remove-rules: '" + nftTable + "' is not an nft table name");
        }
        if (nftTable != null && NetfilterRules.deleteNftTable(nftTable)) done.add("deleted nft table ip " + nftTable);
        done.addAll(NetfilterRules.deleteNaming(tokens));
    }

    /** A network sysctl, by its dotted name ({@code net.ipv4.conf.all.route_localnet}): only under /proc/sys/net. */
    static Path sysctl(String key) {
        if (!key.matches("net(\\.[A-Za-z0-9_-]+)+")) {
            throw new IllegalArgumentException("a lab's sysctl must be a net.* key, not '" + key + "'");
        }
        return Path.of("/proc/sys", key.replace('.', '/'));
    }

    /** {@code lab start}: notes the sysctl's value, for {@link #restoreSysctl}. */
    static String recordSysctl(String key, Map<String, String> recorded) {
        try {
            String value = Files.readString(sysctl(key)).strip();
            recorded.put("sysctl:" + key, value);
            return "noted " + key + " = " + value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + sysctl(key) + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code lab reset}: puts back the value {@code lab start} noted, if the
     * student changed it ({@code sysctl -w net.ipv4.conf.all.route_localnet=1}
     * instead of on the lab's own link); nothing noted, nothing done.
     */
    static void restoreSysctl(String key, Map<String, String> recorded, List<String> done) {
        String was = recorded.get("sysctl:" + key);
        if (was == null) return;
        Path file = sysctl(key);
        try {
            String now = Files.readString(file).strip();
            if (now.equals(was)) return;
            Files.writeString(file, was + "\n");
            done.add("set " + key + " back to " + was + " (was " + now + ")");
        } catch (IOException e) {
            throw new IllegalStateException("cannot restore " + file + ": " + e.getMessage(), e);
        }
    }
}
