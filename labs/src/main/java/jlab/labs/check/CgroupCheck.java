package jlab.labs.check;

import java.util.Map;
import java.util.Optional;

import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupDriver;

/**
 * A check about one cgroup named by the lab ({@code with: {cgroup: jlab-mem}}):
 * it finds the cgroup in this host's layout (v2: one directory; v1: one per
 * controller tree), and fails with where to make it when it is not there.
 */
abstract class CgroupCheck implements CheckKind {
    @Override
    public final Outcome check(Map<String, String> with, CheckContext context) {
        String name = with.get("cgroup");
        CgroupDriver driver = context.host().cgroups();
        Optional<Cgroup> found = driver.open(name);
        if (found.isEmpty()) return CgroupPlaces.missing(driver, name, with);
        return check(found.get(), driver.version().equals("v2"), with, context);
    }

    /** The cgroup exists: look at it. */
    abstract Outcome check(Cgroup cg, boolean v2, Map<String, String> with, CheckContext context);
}
