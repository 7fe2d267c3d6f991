package jlab.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jlab.engine.state.StateDir;

/**
 * What the host looks like, for the leak tests: its mount table, every cgroup
 * directory named jlab, the files of a state directory, the host's links named
 * as jlab names them (vj... veths, jl-... bridges), the netfilter rules tagged
 * with this engine's containers or a user-defined network, and the host-wide
 * claims (addresses of jlab0, host ports) held for this state directory. Two
 * snapshots taken before and after must be equal.
 */
record HostSnapshot(List<String> mounts, List<String> cgroups, List<String> stateFiles, List<String> links,
                    List<String> rules, List<String> claims) {

    /** What differs from {@code before}, readably: "+ added" and "- removed" lines; empty when equal. */
    String changesSince(HostSnapshot before) {
        StringBuilder sb = new StringBuilder();
        diff(sb, "mount", before.mounts, mounts);
        diff(sb, "cgroup", before.cgroups, cgroups);
        diff(sb, "state", before.stateFiles, stateFiles);
        diff(sb, "link", before.links, links);
        diff(sb, "rule", before.rules, rules);
        diff(sb, "claim", before.claims, claims);
        return sb.toString();
    }

    private static void diff(StringBuilder sb, String what, List<String> before, List<String> after) {
        for (String a : after) if (!before.contains(a)) sb.append("+ ").append(what).append(' ').append(a).append('\n');
        for (String b : before) if (!after.contains(b)) sb.append("- ").append(what).append(' ').append(b).append('\n');
    }

    static HostSnapshot take(Path stateDir) {
        String engine = new StateDir(stateDir).cgroupParent();
        return new HostSnapshot(readMounts(), readJlabCgroups(engine), readStateFiles(stateDir), readLinks(stateDir),
                readRules(engine), readClaims(stateDir));
    }

    /**
     * The host's links that jlab names (veths "vj" + 12 hex digits, user-defined bridges "jl-" + 12),
     * and the host's routes through them (/proc/net/route).
     */
    private static List<String> readLinks(Path stateDir) {
        // A container's veth pair goes with its network namespace, which the kernel destroys in the
        // background (cleanup_net, a workqueue) some milliseconds after the last process exits. So a
        // veth that no container of this state directory accounts for is given up to 3 s to go: one
        // that stays is a leak (or another engine's container).
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (true) {
            Set<String> others = othersVeths(stateDir);
            List<String> links = readLinksNow().stream().filter(l -> !others.contains(vethOf(l))).toList();
            boolean pending = links.stream().filter(l -> l.startsWith("vj"))
                    .anyMatch(l -> !hasContainer(stateDir, l.substring(2)));
            if (!pending || System.nanoTime() > deadline) return links;
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return links;
            }
        }
    }

    /**
     * The veths of other engines' containers, by the names they will have: other jlabs (another worktree's
     * tests, a student's session) share this host and its jlab0, and each claims its address in /run/jlab
     * with its container's id and its state directory ("ID STATEDIR"). Their links come and go as they
     * please: this state directory's snapshot leaves them out.
     */
    private static Set<String> othersVeths(Path stateDir) {
        Path run = Path.of("/run/jlab/networks");
        if (!Files.isDirectory(run)) return Set.of();
        try (Stream<Path> walk = Files.walk(run)) {
            return walk.filter(Files::isRegularFile).map(HostSnapshot::readOrEmpty).map(c -> c.strip().split(" ", 2))
                    .filter(f -> f.length == 2 && f[0].matches("[0-9a-f]{12,}") && !f[1].equals(stateDir.toString()))
                    .map(f -> "vj" + f[0].substring(0, 12)).collect(Collectors.toSet());
        } catch (IOException | UncheckedIOException e) {
            return Set.of(); // a claim released while we walked: the next look sees the rest
        }
    }

    private static String readOrEmpty(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            return "";
        }
    }

    /** The link a line names: "vj…" itself, or the link of "route vj… DEST/MASK". */
    private static String vethOf(String line) {
        return line.startsWith("route ") ? line.split(" ")[1] : line;
    }

    private static boolean hasContainer(Path stateDir, String idPrefix) {
        try (Stream<Path> dirs = Files.list(stateDir.resolve("containers"))) {
            return dirs.anyMatch(d -> d.getFileName().toString().startsWith(idPrefix));
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> readLinksNow() {
        java.util.function.Predicate<String> jlabs = n -> n.matches("vj[0-9a-f]{12}") || n.matches("jl-[0-9a-f]{12}");
        try (Stream<Path> links = Files.list(Path.of("/sys/class/net"))) {
            List<String> found = new java.util.ArrayList<>(links.map(p -> p.getFileName().toString()).filter(jlabs).toList());
            Files.readAllLines(Path.of("/proc/net/route")).stream().skip(1).map(l -> l.trim().split("\\s+"))
                    .filter(f -> jlabs.test(f[0])).map(f -> "route " + f[0] + " " + f[1] + "/" + f[7]).forEach(found::add);
            return found.stream().sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rules tagged with this engine's containers, or with a user-defined network's bridge: those of
     * iptables (iptables-save) and those of jlab's nftables table (nft list table ip jlab, without
     * the handles), whichever backend made them.
     */
    static List<String> readRules(String engine) {
        List<String> rules = new java.util.ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/sbin/iptables-save"))) {
            output("iptables-save").lines().filter(l -> l.startsWith("-A ")).forEach(rules::add);
        }
        if (Files.isExecutable(Path.of("/usr/sbin/nft")) && output("nft", "list", "tables").contains("table ip jlab")) {
            output("nft", "list", "table", "ip", "jlab").lines().map(l -> "nft " + l.strip())
                    .filter(l -> l.contains("comment")).forEach(rules::add);
        }
        return rules.stream().filter(l -> l.contains("jlab:" + engine + ":") || l.contains("jlab:network:jl-"))
                .sorted().collect(Collectors.toList());
    }

    static String output(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "(" + command[0] + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Host-wide claims (/run/jlab: addresses of the shared bridge, host ports) held for this state directory. */
    private static List<String> readClaims(Path stateDir) {
        Path run = Path.of("/run/jlab");
        if (!Files.isDirectory(run)) return List.of();
        try (Stream<Path> walk = Files.walk(run)) {
            return walk.filter(Files::isRegularFile).filter(f -> {
                try {
                    return Files.readString(f).endsWith(" " + stateDir);
                } catch (IOException e) {
                    return false;
                }
            }).map(Path::toString).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mount points and sources, without ids (which the kernel reuses freely). */
    private static List<String> readMounts() {
        try {
            return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                    .map(l -> l.split(" "))
                    .map(f -> f[4] + " " + f[f.length - 3] + " " + f[f.length - 2])
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every container cgroup of the engine: the directories under its parent
     * cgroup ("jlab", or "jlab-HASH" for a test's state directory), in every
     * hierarchy (v1 and v2). The parent itself is shared by the engine's
     * containers, like Docker's "docker" cgroup; jlab gc removes it once empty.
     */
    private static List<String> readJlabCgroups(String parentName) {
        TreeSet<String> found = new TreeSet<>();
        for (Path parent : parentCgroups(parentName)) {
            try (Stream<Path> children = Files.list(parent)) {
                children.filter(Files::isDirectory).map(Path::toString).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return List.copyOf(found);
    }

    /** The engine's parent cgroup in each hierarchy where it exists: none once {@code jlab gc} has run. */
    static List<Path> parentCgroups(Path stateDir) { return parentCgroups(new StateDir(stateDir).cgroupParent()); }

    private static List<Path> parentCgroups(String parentName) {
        List<Path> candidates = new java.util.ArrayList<>(List.of(Path.of("/sys/fs/cgroup", parentName)));
        try (Stream<Path> hierarchies = Files.list(Path.of("/sys/fs/cgroup"))) {
            hierarchies.map(h -> h.resolve(parentName)).forEach(candidates::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return candidates.stream().filter(Files::isDirectory).distinct().toList();
    }

    /** The state directory's contents, except what is shared and kept on purpose (images, the helper binary). */
    private static List<String> readStateFiles(Path stateDir) {
        if (!Files.isDirectory(stateDir)) return List.of();
        try (Stream<Path> walk = Files.walk(stateDir)) {
            return walk.map(p -> stateDir.relativize(p).toString())
                    .filter(p -> !p.startsWith("images") && !p.startsWith("bin"))
                    // the stores of networks/NAME and volumes/NAME: made once and kept (what is in them counts)
                    .filter(p -> !p.equals("networks") && !p.equals("volumes"))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
