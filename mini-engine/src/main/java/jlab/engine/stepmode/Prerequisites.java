package jlab.engine.stepmode;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jlab.engine.EngineException;
import jlab.engine.step.Step;

/**
 * Which steps a step needs before it, and why: the kernel's reasons, not the
 * plan's habit. A student may apply a step out of the plan's order when what it
 * needs is there ({@code hostname} once the UTS namespace exists, even before
 * {@code unshare ipc}); otherwise the refusal says which step must come first.
 *
 * <p>A step with no declared prerequisites needs every earlier step of the
 * plan: the safe default, for steps whose order was never meant to be played with.
 */
public final class Prerequisites {
    private Prerequisites() {}

    /** One need: the step that must be applied first (by name, or by the start of its name), and the reason. */
    public record Need(String step, String why) {}

    private static final Need HELPER = new Need("helper",
            "every in-container step is a request to the helper process, which 'helper' starts");
    private static final Need MNT = new Need("unshare mnt",
            "without its own mount namespace the mount would be made in the host's, where every process would see it");
    private static final Need PRIVATE = new Need("private mounts",
            "the host's mounts are shared: without MS_PRIVATE a mount made here would propagate back to the host");
    private static final Need OVERLAY = new Need("overlay rootfs",
            "pivot_root(2) needs the new root to be a mount point (EINVAL otherwise)");

    /** The declared needs, by step name (a name ending in a space names a family: "bind ", "tmpfs "). */
    private static final Map<String, List<Need>> NEEDS = Map.ofEntries(
            Map.entry("stdio", List.of(HELPER)),
            Map.entry("unshare pid", List.of(HELPER)),
            Map.entry("join cgroup", List.of(HELPER, new Need("cgroup", "the cgroup must exist to be joined"))),
            Map.entry("unshare cgroup", List.of(HELPER, new Need("join cgroup",
                    "a cgroup namespace's root is the cgroup its process is in when it unshares: join first,"
                            + " or the container's / is the host's cgroup"))),
            Map.entry("unshare mnt", List.of(HELPER)),
            Map.entry("private mounts", List.of(new Need("unshare mnt",
                    "MS_PRIVATE in the host's mount namespace would change the propagation of the host's own mounts"))),
            Map.entry("unshare uts", List.of(HELPER)),
            Map.entry("hostname", List.of(new Need("unshare uts",
                    "sethostname(2) in the host's UTS namespace would rename the host itself"))),
            Map.entry("unshare ipc", List.of(HELPER)),
            Map.entry("unshare net", List.of(HELPER)),
            Map.entry("loopback", List.of(new Need("unshare net",
                    "lo would be the host's own loopback, already up"))),
            Map.entry("veth pair", List.of(
                    new Need("unshare net", "the peer end is born in the container's network namespace, which must exist"),
                    new Need("bridge", "the host's end is plugged into the bridge, which must exist"),
                    new Need("address allocation", "the pair is named and addressed from the allocated address"))),
            Map.entry("overlay rootfs", List.of(MNT, PRIVATE)),
            Map.entry("mount proc", List.of(
                    new Need("overlay rootfs", "/proc is mounted on the new root, which is the overlay"), MNT)),
            Map.entry("mount sys", List.of(new Need("overlay rootfs", "/sys is mounted on the new root, which is the overlay"), MNT)),
            Map.entry("mount dev", List.of(new Need("overlay rootfs", "/dev is mounted on the new root, which is the overlay"), MNT)),
            Map.entry("mount tmp", List.of(new Need("overlay rootfs", "/tmp is mounted on the new root, which is the overlay"), MNT)),
            Map.entry("pivot-root", List.of(OVERLAY, new Need("unshare mnt",
                    "pivot_root(2) in the host's mount namespace would move the host's own root (EINVAL: refused)"),
                    new Need("private mounts", "pivot_root(2) refuses a root whose mounts are shared (EINVAL)"))),
            Map.entry("mask paths", List.of(new Need("pivot-root", "the masked paths are the container's /proc and /sys, once they are its root's"),
                    new Need("mount proc", "the masked paths are in the container's /proc"))),
            Map.entry("cgroup limit", List.of(new Need("cgroup", "a limit is a file of the container's cgroup, which must exist"))));

    /** The declared needs of a step; empty when it declares none (then every earlier step is needed). */
    public static Optional<List<Need>> declared(Step step) {
        String name = step instanceof CgroupLimitStep ? "cgroup limit" : step.name();
        return Optional.ofNullable(NEEDS.get(name));
    }

    /**
     * Refuses, in one line, a step whose prerequisites are not applied: which
     * step must come first, and why. The first missing one, in the plan's order.
     */
    public static void check(Construction c, Step step) {
        Optional<String> refusal = refusal(c.steps(), c::isAppliedNamed, step);
        if (refusal.isPresent()) throw new EngineException(refusal.get());
    }

    /** The refusal, if any: for tests, with the plan and what is applied given as they are. */
    static Optional<String> refusal(List<Step> plan, java.util.function.Predicate<String> applied, Step step) {
        Optional<List<Need>> needs = declared(step);
        if (needs.isPresent()) {
            for (Need n : needs.get()) {
                boolean inPlan = plan.stream().anyMatch(s -> s.name().equals(n.step()));
                if (inPlan && !applied.test(n.step())) {
                    return Optional.of("'" + step.name() + "' must come after '" + n.step() + "': " + n.why());
                }
            }
            return Optional.empty();
        }
        int index = plan.indexOf(step);
        int end = index < 0 ? plan.size() : index;
        for (int i = 0; i < end; i++) {
            Step earlier = plan.get(i);
            if (!applied.test(earlier.name())) {
                String why = step.name().equals("exec")
                        ? "exec comes last: once the helper becomes the command, no step can be applied to it any more"
                        : "it declares no step it can do without, so it waits for every earlier step of the plan";
                return Optional.of("'" + step.name() + "' must come after '" + earlier.name() + "': " + why);
            }
        }
        return Optional.empty();
    }
}
