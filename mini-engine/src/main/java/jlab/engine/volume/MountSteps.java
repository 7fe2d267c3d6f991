package jlab.engine.volume;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jlab.engine.ContainerSpec;
import jlab.engine.step.Step;

/** The steps of a spec's {@code -v}, {@code --mount} and {@code --tmpfs}, one each, parents before children. */
public final class MountSteps {
    private MountSteps() {}

    /**
     * Sorted by the depth of their targets, as Docker sorts them: {@code -v a:/data/cache -v b:/data} must mount
     * /data first, or the second mount would hide the first. (Stable: equal depths keep the user's order.)
     */
    public static List<Step> forSpec(ContainerSpec spec) {
        List<MountSpec> sorted = new ArrayList<>(spec.mounts());
        sorted.sort(Comparator.comparingInt(MountSpec::depth));
        List<Step> steps = new ArrayList<>();
        for (MountSpec m : sorted) {
            steps.add(switch (m.type()) {
                case BIND -> new BindMountStep(m);
                case VOLUME -> new VolumeMountStep(m);
                case TMPFS -> new TmpfsMountStep(m);
            });
        }
        return steps;
    }
}
