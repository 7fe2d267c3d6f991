package jlab.labs.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.proc.ProcStat;
import jlab.labs.host.HostView;
import jlab.labs.host.Proc;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code own-proc}: a PID 1 of a new PID namespace sees that namespace in its
 * /proc — its /proc/1 is itself. A proc filesystem shows the PID namespace it
 * was <em>mounted</em> from, not the reader's: a process that unshared its PID
 * namespace but kept the host's /proc still sees the host's processes, and
 * its /proc/1 is the host's init. {@code unshare --mount-proc} (or
 * {@code mount -t proc proc /proc} in its own mount namespace) fixes that.
 *
 * <p>jlab looks through {@code /proc/PID/root/proc/1/stat}: the path is walked
 * in the process's own root and mount namespace, so it reaches the proc it
 * sees; its pid 1 is the process itself when the start times (field 22 of
 * stat, in clock ticks since boot) are equal.
 */
public final class OwnProcCheck implements CheckKind {
    @Override
    public Signature signature() { return new Signature("own-proc", List.of(), List.of()); }

    @Override
    public Outcome check(Map<String, String> with, CheckContext context) {
        HostView host = context.host();
        List<Proc> ones = host.pidOnes();
        List<Evidence> evidence = new ArrayList<>();
        Proc passing = null;
        for (Proc p : ones) { // every candidate's evidence, so that a student sees theirs beside the others
            Path seen = host.proc().root().resolve(p.pid() + "/root/proc/1/stat");
            ProcStat one = stat(seen);
            String itsOne = one == null ? null : one.comm();
            boolean itself = one != null && one.startTime() == host.proc().stat(p.pid()).startTime();
            evidence.add(new Evidence(seen.toString(), itsOne == null ? "(unreadable: not a process of its namespace)"
                    : "pid 1 there is " + itsOne + (itself ? " (itself)" : ""), p.label() + " itself"));
            if (itself && passing == null) passing = p;
        }
        if (passing != null) {
            return Outcome.pass(new Text("Le /proc de " + passing.label() + " est celui de son espace PID : son /proc/1, c'est lui.",
                    passing.label() + "'s /proc is its PID namespace's: its /proc/1 is itself."), evidence);
        }
        Text hint = new Text("Montez un /proc neuf dans son espace de montage : `unshare --pid --fork --mount-proc sh`, "
                + "ou `mount -t proc proc /proc` après `unshare --mount`.",
                "Mount a fresh /proc in its own mount namespace: `unshare --pid --fork --mount-proc sh`, "
                + "or `mount -t proc proc /proc` after `unshare --mount`.");
        if (ones.isEmpty()) {
            return Outcome.fail(new Text("Aucun PID 1 d'un nouvel espace de noms PID : rien à regarder.",
                    "No PID 1 of a new PID namespace: nothing to look at."), evidence, hint);
        }
        return Outcome.fail(new Text("Son /proc est encore celui de l'hôte : /proc/1 n'y est pas lui-même.",
                "Its /proc is still the host's: /proc/1 there is not itself."), evidence, hint);
    }

    private static ProcStat stat(Path file) {
        try {
            return ProcStat.parse(Files.readString(file), file.toString());
        } catch (IOException | RuntimeException unreadable) {
            return null; // the host's init, say, behind a ptrace check: in any case not this process
        }
    }
}
