package jlab.labs.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.kernel.cgroup.Cgroup;
import jlab.labs.model.Text;
import jlab.labs.yaml.Signature;

/**
 * {@code cgroup-limit}: the cgroup exists and its limit files hold the lab's
 * values — read from the kernel's files, v2 or v1, whichever the host
 * mounts:
 * <pre>
 *              cgroup v2                    cgroup v1
 * memory       memory.max                   memory/memory.limit_in_bytes
 * pids         pids.max                     pids/pids.max
 * cpu          cpu.max ("QUOTA PERIOD")     cpu/cpu.cfs_quota_us, cpu/cpu.cfs_period_us
 * </pre>
 * A CPU limit passes with any quota and period of the same ratio (25000 per
 * 50000 is also half a CPU); the kernel enforces the ratio, per period.
 */
public final class CgroupLimitCheck extends CgroupCheck {
    @Override
    public Signature signature() {
        return new Signature("cgroup-limit", List.of("cgroup"), List.of("memory-bytes", "pids-max", "cpu-quota-us", "cpu-period-us"));
    }

    @Override
    Outcome check(Cgroup cg, boolean v2, Map<String, String> with, CheckContext context) {
        String name = cg.path();
        Map<String, String> values = cg.limitValues();
        List<Evidence> evidence = new ArrayList<>();
        List<Text> wrong = new ArrayList<>();
        if (with.containsKey("memory-bytes")) {
            limit(cg, values, v2 ? "memory.max" : "memory/memory.limit_in_bytes", with.get("memory-bytes"), evidence, wrong,
                    CgroupLimitCheck::memoryAdvice);
        }
        if (with.containsKey("pids-max")) {
            limit(cg, values, v2 ? "pids.max" : "pids/pids.max", with.get("pids-max"), evidence, wrong, (seen, want) -> null);
        }
        if (with.containsKey("cpu-quota-us")) cpu(cg, values, v2, with, evidence, wrong);
        if (wrong.isEmpty()) {
            return Outcome.pass(new Text("Le cgroup " + name + " a les limites demandées.", name + " has the limits asked for."), evidence);
        }
        return Outcome.fail(wrong.get(0), evidence, wrong.size() > 1 ? wrong.get(1) : null);
    }

    /** Explains a value that is not the one asked for, or returns null when there is nothing more to say. */
    private interface Advice {
        Text about(String seen, String wanted);
    }

    private static void limit(Cgroup cg, Map<String, String> values, String key, String wanted,
                              List<Evidence> evidence, List<Text> wrong, Advice advice) {
        String file = CgroupPlaces.file(cg, key);
        String seen = values.get(key);
        if (seen == null) {
            evidence.add(new Evidence(file, "(no such file)", wanted));
            wrong.add(CgroupPlaces.noFile(file, key));
            return;
        }
        evidence.add(new Evidence(file, seen, wanted));
        if (seen.equals(wanted)) return;
        wrong.add(new Text(file + " vaut " + seen + ", et non " + wanted + ".", file + " is " + seen + ", not " + wanted + "."));
        Text more = advice.about(seen, wanted);
        if (more != null) wrong.add(more);
    }

    /** The usual slips with sizes: 64MB (10^6) for 64M (2^20), or no limit at all. */
    private static Text memoryAdvice(String seen, String wanted) {
        if (seen.equals("max") || seen.length() >= 19) {
            return new Text("Aucune limite n'est écrite : `echo " + wanted + " > memory.max` (v2) ou memory.limit_in_bytes (v1).",
                    "No limit is written: `echo " + wanted + " > memory.max` (v2) or memory.limit_in_bytes (v1).");
        }
        try {
            long s = Long.parseLong(seen);
            long w = Long.parseLong(wanted);
            if (s == w / 1_048_576 * 1_000_000) {
                return new Text("C'est 64 Mo décimaux : le noyau compte en Mio, écrivez 64M (64 × 1048576).",
                        "That is decimal megabytes: the kernel counts in MiB, write 64M (64 × 1048576).");
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return null;
    }

    private static void cpu(Cgroup cg, Map<String, String> values, boolean v2, Map<String, String> with,
                            List<Evidence> evidence, List<Text> wrong) {
        long quota = Long.parseLong(with.get("cpu-quota-us"));
        long period = Long.parseLong(with.getOrDefault("cpu-period-us", "100000"));
        String wanted = quota + " " + period;
        String seen;
        String file;
        if (v2) {
            file = CgroupPlaces.file(cg, "cpu.max");
            seen = values.get("cpu.max");
        } else {
            file = CgroupPlaces.file(cg, "cpu/cpu.cfs_quota_us") + " and cpu.cfs_period_us";
            String q = values.get("cpu/cpu.cfs_quota_us");
            String p = values.get("cpu/cpu.cfs_period_us");
            seen = q == null || p == null ? null : q + " " + p;
        }
        if (seen == null) {
            evidence.add(new Evidence(file, "(no such file)", wanted));
            wrong.add(CgroupPlaces.noFile(file, v2 ? "cpu.max" : "cpu/cpu.cfs_quota_us"));
            return;
        }
        evidence.add(new Evidence(file, seen, wanted + " (or the same ratio)"));
        String[] parts = seen.split(" ");
        if (parts[0].equals("max") || parts[0].equals("-1")) {
            wrong.add(new Text(file + " vaut " + seen + " : aucune limite de CPU.", file + " is " + seen + ": no CPU limit."));
            return;
        }
        long q = Long.parseLong(parts[0]);
        long p = Long.parseLong(parts[1]);
        if (q * period != quota * p) {
            wrong.add(new Text(file + " vaut " + seen + " : " + q + " µs de CPU par " + p + " µs, pas " + quota + " par " + period + ".",
                    file + " is " + seen + ": " + q + " µs of CPU per " + p + " µs, not " + quota + " per " + period + "."));
        }
    }
}
