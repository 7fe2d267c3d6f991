package jlab.labs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jlab.engine.state.StateDir;
import jlab.labs.check.CheckContext;
import jlab.labs.host.HostView;
import jlab.labs.model.Lab;
import jlab.labs.run.Fixtures;
import jlab.labs.run.LabResult;
import jlab.labs.run.LabRunner;
import jlab.labs.run.LabState;
import jlab.labs.run.Resets;

/**
 * The lab commands' work on this host, in one place: {@code lab start}
 * prepares and notes, {@code lab check} looks, {@code lab reset} removes
 * what carries the lab's names. The shell and the web tutor both call these.
 */
public final class Labs {
    private Labs() {}

    /** Prepares the lab's fixtures and notes the facts its checks compare against; returns what it did. */
    public static List<String> start(Lab lab, StateDir state) {
        Map<String, String> recorded = new LinkedHashMap<>();
        List<String> done = Fixtures.apply(lab.setup(), HostView.real(), recorded);
        new LabState(state, lab.id()).record(recorded);
        return done;
    }

    /** Runs every check on this host. */
    public static LabResult check(Lab lab, StateDir state) { return check(lab, state, HostView.real()); }

    /** Runs every check on the host as {@code host} shows it (a test's: only its own processes). */
    public static LabResult check(Lab lab, StateDir state, HostView host) {
        CheckContext context = new CheckContext(host, new LabState(state, lab.id()).recorded());
        return new LabRunner(Clock.systemUTC()).run(lab, context, facts(host));
    }

    /** Removes what the lab's reset names (processes, cgroups, paths), and what start noted. */
    public static List<String> reset(Lab lab, StateDir state) {
        LabState labState = new LabState(state, lab.id());
        List<String> done = Resets.apply(lab.reset(), HostView.real(), labState.recorded());
        labState.forget();
        return done;
    }

    private static LabResult.HostFacts facts(HostView host) {
        String cgroup;
        try {
            cgroup = host.cgroups().version();
        } catch (RuntimeException noCgroups) {
            cgroup = "none";
        }
        return new LabResult.HostFacts(host.hostHostname(), read(Path.of("/proc/sys/kernel/osrelease")), cgroup);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
