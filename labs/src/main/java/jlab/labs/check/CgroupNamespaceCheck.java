package jlab.labs.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.kernel.KernelException;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.ns.Namespace;
import jlab.kernel.proc.CgroupMembership;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code cgroup-namespace}: a running process of the lab's cgroup is in a
 * cgroup namespace of its own whose root is that cgroup: from inside, its
 * /proc/self/cgroup reads {@code /} where the host reads {@code /jlab-cgns}.
 *
 * <p>unshare(CLONE_NEWCGROUP) makes the cgroup the caller is in <em>at that
 * moment</em> the root of the new namespace's view. The order is the lesson:
 * {@code echo $$ > .../jlab-cgns/cgroup.procs}, then {@code unshare --cgroup};
 * the other way round, the root is where the shell was before, and from
 * inside it reads {@code /jlab-cgns}. On cgroup v1 the root is taken in every
 * tree; the check reads the lines of the trees that hold the lab's cgroup.
 *
 * <p>The path in /proc/PID/cgroup is written from the root of the
 * <em>reader's</em> cgroup namespace, so the inside view is read by a thread
 * that joined the process's ({@code nsenter --cgroup --target PID cat /proc/PID/cgroup}).
 */
public final class CgroupNamespaceCheck extends CgroupCheck {
    @Override
    public Signature signature() { return new Signature("cgroup-namespace", List.of("cgroup"), List.of("controller")); }

    @Override
    Outcome check(Cgroup cg, boolean v2, Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        String name = cg.path();
        long hostCgroupNs = host.hostNamespace(Namespace.CGROUP);
        List<Evidence> evidence = new ArrayList<>();
        evidence.add(Evidence.seen("/proc/self/ns/cgroup (jlab's: the host's)", "cgroup:[" + hostCgroupNs + "]"));
        List<Long> pids = cg.processes();
        List<Proc> inCgroup = host.processes().stream().filter(p -> pids.contains(p.pid())).toList(); // running: no zombie
        if (inCgroup.isEmpty()) {
            String procs = procs(cg);
            return Outcome.fail(new Text("Le cgroup " + name + " ne contient aucun processus qui tourne.", name + " holds no running process."),
                    List.of(new Evidence(procs, "(no running process)", "a process in its own cgroup namespace")),
                    new Text("Entrez-y un shell (`echo $$ > " + procs + "`), puis `unshare --cgroup sh` depuis ce shell ; laissez-le ouvert.",
                            "Move a shell in (`echo $$ > " + procs + "`), then `unshare --cgroup sh` from that shell; leave it open."));
        }
        Text near = null;
        for (Proc p : inCgroup) {
            List<CgroupMembership> outside;
            try {
                outside = host.proc().cgroups(p.pid()).stream().filter(m -> m.path().equals("/" + name)).toList();
            } catch (KernelException exited) {
                continue;
            }
            if (outside.isEmpty()) continue;
            String hostLines = lines(outside);
            if (p.ns(Namespace.CGROUP) == hostCgroupNs) {
                evidence.add(new Evidence("/proc/" + p.pid() + "/cgroup", hostLines + " (cgroup:[" + hostCgroupNs + "], the host's)",
                        "a cgroup namespace of its own"));
                if (near == null) {
                    near = new Text(p.label() + " est dans " + name + ", mais dans l'espace de noms cgroup de l'hôte : de l'intérieur aussi, son cgroup se lit /" + name + ".",
                            p.label() + " is in " + name + ", but in the host's cgroup namespace: from inside too, its cgroup reads /" + name + ".");
                }
                continue;
            }
            List<CgroupMembership> inside;
            try {
                inside = host.cgroupsFromInside(p.pid());
            } catch (KernelException exited) {
                continue;
            }
            List<CgroupMembership> sameTrees = inside.stream()
                    .filter(m -> outside.stream().anyMatch(o -> o.hierarchyId() == m.hierarchyId())).toList();
            String where = "/proc/" + p.pid() + "/cgroup, read inside cgroup:[" + p.ns(Namespace.CGROUP) + "]";
            evidence.add(Evidence.seen("/proc/" + p.pid() + "/cgroup (from the host)", hostLines));
            evidence.add(new Evidence(where, lines(sameTrees), "/ (the root of its own view)"));
            Optional<CgroupMembership> notRoot = sameTrees.stream().filter(m -> !m.path().equals("/")).findFirst();
            if (notRoot.isEmpty() && !sameTrees.isEmpty()) {
                return Outcome.pass(new Text(
                        p.label() + " est dans " + name + ", dans un espace de noms cgroup à lui dont " + name + " est la racine : de l'intérieur, son cgroup se lit /.",
                        p.label() + " is in " + name + ", in a cgroup namespace of its own rooted at " + name + ": from inside, its cgroup reads /."),
                        evidence);
            }
            String seen = notRoot.map(CgroupMembership::path).orElse("(nothing)");
            near = new Text(p.label() + " a son propre espace de noms cgroup, mais de l'intérieur son cgroup se lit " + seen
                    + ", pas / : l'espace a été créé avant que le processus n'entre dans " + name + ", et sa racine est restée où il était alors.",
                    p.label() + " has a cgroup namespace of its own, but from inside its cgroup reads " + seen + ", not /: the namespace was made"
                    + " before the process entered " + name + ", and its root stayed where the process was then.");
        }
        String procs = procs(cg);
        Text hint = new Text("L'ordre compte : d'abord entrer dans le cgroup (`echo $$ > " + procs + "`), puis `unshare --cgroup sh` ; "
                + "`cat /proc/self/cgroup` dans ce shell doit lire /.",
                "Order matters: first enter the cgroup (`echo $$ > " + procs + "`), then `unshare --cgroup sh`; "
                + "`cat /proc/self/cgroup` in that shell must read /.");
        if (near != null) return Outcome.fail(near, evidence, hint);
        return Outcome.fail(new Text("Aucun processus de " + name + " n'est dans un espace de noms cgroup à lui.",
                "No process of " + name + " is in a cgroup namespace of its own."), evidence, hint);
    }

    /** Its cgroup.procs, in a tree where it exists (on v1 the student may have made it in the pids tree only). */
    private static String procs(Cgroup cg) {
        Path dir = cg.directories().stream().filter(Files::isDirectory).findFirst().orElse(cg.directories().get(0));
        return dir.resolve("cgroup.procs").toString();
    }

    /** {@code 8:pids:/jlab-cgns; 0::/jlab-cgns} */
    private static String lines(List<CgroupMembership> memberships) {
        if (memberships.isEmpty()) return "(no line)";
        return String.join("; ", memberships.stream()
                .map(m -> m.hierarchyId() + ":" + String.join(",", m.controllers()) + ":" + m.path()).toList());
    }
}
