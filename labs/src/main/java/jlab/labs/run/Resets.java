package jlab.labs.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jlab.engine.state.ContainerStore;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.ns.Namespace;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.model.Action;
import jlab.labs.yaml.Signature;

/**
 * What {@code lab reset} removes, one kind per action of a lab's
 * {@code reset:} — each finds its targets by the lab's own names (a
 * hostname, a cgroup's name, a path under /srv/jlab), never by a broader
 * rule, so a reset cannot touch the rest of the host.
 */
public final class Resets {
    private static final int SIGKILL = 9;

    private Resets() {}

    public static Map<String, Signature> signatures() {
        Map<String, Signature> s = new LinkedHashMap<>();
        s.put("kill-hostname", new Signature("kill-hostname", List.of("hostname"), List.of()));
        s.put("remove-cgroup", new Signature("remove-cgroup", List.of("cgroup"), List.of()));
        s.put("remove-path", new Signature("remove-path", List.of("path"), List.of()));
        s.put("remove-netns", new Signature("remove-netns", List.of("netns"), List.of()));
        s.put("remove-link", new Signature("remove-link", List.of("link"), List.of()));
        s.put("restore-sysctl", new Signature("restore-sysctl", List.of("key"), List.of()));
        s.put("remove-rules", new Signature("remove-rules", List.of("matching"), List.of("nft-table")));
        return s;
    }

    /** Undoes what the actions name; returns what it removed, one line each (nothing found is fine). */
    public static List<String> apply(List<Action> reset, HostView host) { return apply(reset, host, Map.of()); }

    /** The same, with what {@code lab start} noted (a sysctl's value before the student began). */
    public static List<String> apply(List<Action> reset, HostView host, Map<String, String> recorded) {
        List<String> done = new ArrayList<>();
        for (Action a : reset) {
            switch (a.kind()) {
                case "kill-hostname" -> killHostname(a.get("hostname"), host, done);
                case "remove-cgroup" -> removeCgroup(a.get("cgroup"), host, done);
                case "remove-path" -> removePath(Fixtures.underRoot(a.get("path")), done);
                case "remove-netns" -> NetResets.removeNetns(a.get("netns"), host, done);
                case "remove-link" -> NetResets.removeLink(a.get("link"), done);
                case "restore-sysctl" -> NetResets.restoreSysctl(a.get("key"), recorded, done);
                case "remove-rules" -> NetResets.removeRules(a.get("matching"), a.get("nft-table"), done);
                default -> throw new IllegalArgumentException("no reset kind '" + a.kind() + "'");
            }
        }
        return done;
    }

    /**
     * SIGKILL to every process of a UTS namespace (not the host's) whose
     * hostname is the lab's: the namespace goes with its last process.
     */
    private static void killHostname(String hostname, HostView host, List<String> done) {
        for (Proc p : host.inOwn(Namespace.UTS)) {
            if (!host.hostname(p.pid()).equals(hostname)) continue;
            if (Syscalls.get().kill(p.pid(), SIGKILL)) done.add("killed " + p.label() + " (hostname " + hostname + ")");
        }
    }

    /**
     * Kills what the cgroup holds, then rmdir (the kernel refuses to remove a
     * cgroup that still has processes: EBUSY). A student's cgroup may exist in
     * one v1 tree only and have no freezer, so this kills pid by pid, again
     * until cgroup.procs is empty (a process may fork meanwhile; its child is
     * born in the cgroup and shows up in the next read).
     */
    private static void removeCgroup(String name, HostView host, List<String> done) {
        Optional<Cgroup> found = host.cgroups().open(name);
        if (found.isEmpty()) return;
        Cgroup cg = found.get();
        long deadline = System.nanoTime() + 5_000_000_000L;
        Set<Long> killed = new HashSet<>();
        for (List<Long> pids = cg.processes(); !pids.isEmpty(); pids = cg.processes()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("cgroup " + name + " still holds " + pids + " after SIGKILL: cannot remove it");
            }
            for (long pid : pids) {
                if (Syscalls.get().kill(pid, SIGKILL) && killed.add(pid)) done.add("killed pid " + pid + " (in cgroup " + name + ")");
            }
            sleepBriefly();
        }
        cg.delete();
        done.add("removed cgroup " + name);
    }

    /** A killed process leaves cgroup.procs once it is reaped; its parent (often a shell) does that. */
    private static void sleepBriefly() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removePath(Path path, List<String> done) {
        if (!Files.exists(path)) return;
        ContainerStore.deleteTree(path);
        done.add("removed " + path);
    }
}
