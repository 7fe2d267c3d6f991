package jlab.labs;


import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;
import jlab.labs.host.HostView;
import jlab.labs.model.Lab;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;

/** One built-in lab, started in a test's own state directory, checked and reset on the real host. */
final class LabOnHost {
    final Lab lab;
    final StateDir state;

    LabOnHost(String id, Path stateDir) {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: the checks read other processes' namespaces and mounts");
        this.lab = Catalogue.builtIn().find(id).orElseThrow();
        this.state = new StateDir(stateDir);
    }

    LabOnHost start() {
        Labs.start(lab, state);
        return this;
    }

    LabResult check() { return Labs.check(lab, state); }

    /**
     * The checks, seeing only the processes of one student's tree (that
     * process and its descendants): what they say then does not depend on
     * what else runs on this shared host.
     */
    LabResult checkWithin(long root) {
        return Labs.check(lab, state, HostView.real().onlyProcesses(p -> descends(p.pid(), root)));
    }

    /** The same, again until the predicate holds (2 s at most): the student's shell needs a moment. */
    LabResult checkWithinUntil(long root, Predicate<LabResult> done) throws InterruptedException {
        LabResult r = checkWithin(root);
        for (int i = 0; i < 100 && !done.test(r); i++) {
            Thread.sleep(20);
            r = checkWithin(root);
        }
        return r;
    }

    /** Whether {@code pid} is {@code root} or one of its descendants (PPid, up to the host's init). */
    static boolean descends(long pid, long root) {
        for (long p = pid; p > 1; ) {
            if (p == root) return true;
            try {
                String status = Files.readString(Path.of("/proc/" + p + "/status"));
                p = Long.parseLong(status.replaceFirst("(?s).*\\nPPid:\\s*(\\d+).*", "$1"));
            } catch (IOException | NumberFormatException gone) {
                return false;
            }
        }
        return false;
    }

    /** The student's shell needs a moment to do its part: checks again until the predicate holds (2 s at most). */
    LabResult checkUntil(Predicate<LabResult> done) throws InterruptedException {
        LabResult r = check();
        for (int i = 0; i < 100 && !done.test(r); i++) {
            Thread.sleep(20);
            r = check();
        }
        return r;
    }

    /** Checks until the check's evidence names that process: it is there and the check saw it. */
    LabResult checkUntilSeen(String checkId, long pid) throws InterruptedException {
        return checkUntil(r -> of(r, checkId).evidence().stream().anyMatch(e -> e.where().startsWith("/proc/" + pid + "/")));
    }

    static CheckResult of(LabResult r, String checkId) {
        return r.checks().stream().filter(c -> c.id().equals(checkId)).findFirst().orElseThrow();
    }

    java.util.List<String> reset() { return Labs.reset(lab, state); }
}
