package jlab.labs.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.proc.ProcStatus;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code cgroup-process}: a live process is in the cgroup — its pid is in
 * cgroup.procs (on v1, in the tree of any controller). A zombie does not
 * count: it has exited, and only its exit status waits for its parent.
 * {@code controller} (v1) names the tree a missing cgroup should be made in.
 */
public final class CgroupProcessCheck extends CgroupCheck {
    @Override
    public Signature signature() { return new Signature("cgroup-process", List.of("cgroup"), List.of("controller")); }

    @Override
    Outcome check(Cgroup cg, boolean v2, Map<String, String> with, CheckContext context) {
        String name = cg.path();
        // On v1 the student may have made the cgroup in one tree only (pids): name the cgroup.procs that exists.
        Path dir = cg.directories().stream().filter(Files::isDirectory).findFirst().orElse(cg.directories().get(0));
        String procs = dir.resolve("cgroup.procs").toString();
        List<String> live = new ArrayList<>();
        for (long pid : cg.processes()) {
            try {
                ProcStatus status = context.host().proc().status(pid);
                if (!status.isZombie()) live.add(pid + " (" + status.name() + ")");
            } catch (KernelException exited) {
                // gone since cgroup.procs was read
            }
        }
        List<Evidence> evidence = List.of(new Evidence(procs, live.isEmpty() ? "(no live process)" : String.join(", ", live),
                "at least one running process"));
        if (!live.isEmpty()) {
            return Outcome.pass(new Text("Le cgroup " + name + " contient " + String.join(", ", live) + ".",
                    name + " holds " + String.join(", ", live) + "."), evidence);
        }
        return Outcome.fail(new Text("Le cgroup " + name + " existe mais ne contient aucun processus vivant.",
                        name + " exists but holds no live process."), evidence,
                new Text("Entrez-y un shell : `echo $$ > " + procs + "` ; ce qu'il lance naît dans le cgroup. Laissez-le tourner.",
                        "Move a shell in: `echo $$ > " + procs + "`; what it starts is born in the cgroup. Leave it running."));
    }
}
