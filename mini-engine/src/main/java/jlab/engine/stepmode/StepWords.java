package jlab.engine.stepmode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jlab.engine.EditDistance;
import jlab.engine.EngineException;
import jlab.engine.step.Step;

/**
 * What a student types after {@code step} (or as a command, in step mode), as a
 * step: a plan step's name ({@code unshare uts}, {@code pivot-root}), a unique
 * start of one ({@code veth} for "veth pair", {@code overlay}), or a step with
 * the student's arguments ({@code hostname box}, {@code cgroup memory 64m}).
 */
public final class StepWords {
    private StepWords() {}

    /** The argument forms, for completion and help. */
    public static final List<String> ARGUMENT_FORMS = List.of("hostname NAME", "cgroup memory SIZE", "cgroup cpus N",
            "cgroup pids N");

    /** The step these words name in this construction; refused in one line, with the closest name, otherwise. */
    public static Step resolve(Construction c, List<String> words) {
        if (words.isEmpty()) throw new EngineException("which step? (plan lists them)");
        if (words.get(0).equals("hostname") && words.size() == 2) return c.hostnameStep(words.get(1));
        if (words.get(0).equals("cgroup") && words.size() == 3) return CgroupLimitStep.parse(words.get(1), words.get(2));
        if (words.get(0).equals("cgroup") && words.size() == 2) {
            throw new EngineException("cgroup " + words.get(1) + ": give a value too (cgroup memory 64m, cgroup cpus 0.5, cgroup pids 50)");
        }
        return byName(c.steps(), String.join(" ", words));
    }

    /** A plan step by its name or the unique start of it; "pivot_root" and "pivot root" are "pivot-root". */
    static Step byName(List<Step> plan, String typed) {
        String t = normal(typed);
        for (Step s : plan) if (normal(s.name()).equals(t)) return s;
        List<Step> starts = plan.stream().filter(s -> normal(s.name()).startsWith(t)).toList();
        if (starts.size() == 1) return starts.get(0);
        if (starts.size() > 1) {
            throw new EngineException("'" + typed + "' names several steps: "
                    + String.join(", ", starts.stream().map(Step::name).toList()) + " (type one of them)");
        }
        throw new EngineException("no step '" + typed + "' in this plan" + suggestion(plan, typed) + " (plan lists them)");
    }

    /** Whether these words name a step of this plan (the REPL's shortcut: {@code unshare uts} as a command). */
    public static boolean names(Construction c, List<String> words) {
        if (words.isEmpty()) return false;
        if (words.get(0).equals("hostname") && words.size() <= 2) return true;
        if (words.get(0).equals("cgroup") && words.size() == 3) return true;
        String t = normal(String.join(" ", words));
        return c.steps().stream().filter(s -> normal(s.name()).startsWith(t)).count() == 1
                || c.steps().stream().anyMatch(s -> normal(s.name()).equals(t));
    }

    /** ", did you mean 'unshare uts'?" for the closest name, when one is close. */
    static String suggestion(List<Step> plan, String typed) {
        String t = normal(typed);
        return plan.stream().map(Step::name)
                .min(Comparator.comparingInt(n -> EditDistance.between(normal(n), t)))
                .filter(n -> EditDistance.between(normal(n), t) <= Math.max(2, t.length() / 3))
                .map(n -> ": did you mean '" + n + "'?").orElse("");
    }

    private static String normal(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replace('_', '-').replace("pivot root", "pivot-root").replaceAll("\\s+", " ");
    }

    /** The names the REPL completes after {@code step}: the plan's, then the argument forms. */
    public static List<String> completions(Construction c) {
        List<String> names = new ArrayList<>(c.steps().stream().map(Step::name).distinct().toList());
        names.addAll(ARGUMENT_FORMS);
        return names;
    }
}
