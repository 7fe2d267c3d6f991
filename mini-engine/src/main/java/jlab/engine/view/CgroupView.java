package jlab.engine.view;

import java.util.Map;

import jlab.kernel.cgroup.Cgroup;
import jlab.kernel.cgroup.CgroupStats;

/**
 * {@code cgroup}: the limits the kernel holds for the container's cgroup
 * (the files jlab can write, as the kernel reads them back: {@code max} or a
 * huge number means no limit) and what it counts live (memory charged now
 * and at its peak, CPU time, tasks, OOM kills).
 *
 * @param version "v2" (one directory) or "v1" (one directory per controller tree)
 * @param path    the cgroup, relative to the hierarchy's root ({@code jlab/ID})
 * @param limits  file to value: {@code memory.max -> 67108864} (v2),
 *                {@code memory/memory.limit_in_bytes -> 67108864} (v1)
 * @param usage   what the kernel counts now
 */
public record CgroupView(String version, String path, String directory, Map<String, String> limits, CgroupStats usage) {

    public static CgroupView of(Cgroup cgroup, String version) {
        return new CgroupView(version, cgroup.path(), cgroup.directories().get(0).toString(),
                cgroup.limitValues(), cgroup.stats());
    }
}
