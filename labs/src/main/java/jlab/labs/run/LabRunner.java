package jlab.labs.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jlab.kernel.KernelException;
import jlab.labs.check.CheckContext;
import jlab.labs.check.CheckKind;
import jlab.labs.check.CheckKinds;
import jlab.labs.check.Outcome;
import jlab.labs.check.Status;
import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;
import jlab.labs.model.Text;

/**
 * Runs a lab's checks in order. A check whose {@code requires} did not all
 * pass is skipped and names the one that did not; a check that throws is an
 * {@code error} — the checker broke, which costs the student nothing — with
 * what broke, never a stack trace.
 */
public final class LabRunner {
    public static final String CHECKER_VERSION = "jlab 0.1.0";

    private final Clock clock;

    public LabRunner(Clock clock) {
        this.clock = clock;
    }

    public LabResult run(Lab lab, CheckContext context, LabResult.HostFacts host) {
        Instant started = clock.instant();
        Map<String, Status> statuses = new HashMap<>();
        List<CheckResult> results = new ArrayList<>();
        for (CheckSpec spec : lab.checks()) {
            CheckResult r = runOne(spec, context, statuses);
            statuses.put(spec.id(), r.status());
            results.add(r);
        }
        return new LabResult(lab.id(), lab.version(), CHECKER_VERSION, host, started, clock.instant(), results);
    }

    private static CheckResult runOne(CheckSpec spec, CheckContext context, Map<String, Status> statuses) {
        for (String required : spec.requires()) {
            if (statuses.get(required) != Status.PASS) {
                return new CheckResult(spec.id(), spec.title(), Status.SKIPPED, 0, spec.points(),
                        new Text("Non vérifié : il faut d'abord réussir « " + required + " ».",
                                "Not checked: '" + required + "' must pass first."), List.of(), List.of());
            }
        }
        CheckKind kind = CheckKinds.get(spec.kind());
        Outcome outcome;
        try {
            outcome = kind.check(spec.with(), context);
        } catch (KernelException e) {
            return error(spec, "the kernel did not answer as expected: " + e.getMessage());
        } catch (RuntimeException e) {
            return error(spec, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        List<Text> hints = new ArrayList<>();
        if (outcome.status() != Status.PASS) {
            if (outcome.hint() != null) hints.add(outcome.hint());
            hints.add(spec.hint());
        }
        double score = Math.round(spec.points() * outcome.credit() * 100) / 100.0;
        return new CheckResult(spec.id(), spec.title(), outcome.status(), score, spec.points(),
                outcome.message(), outcome.evidence(), hints);
    }

    private static CheckResult error(CheckSpec spec, String what) {
        return new CheckResult(spec.id(), spec.title(), Status.ERROR, 0, spec.points(),
                new Text("Le vérificateur a échoué (cela ne vous coûte aucun point) : " + what,
                        "The checker broke (this costs you no points): " + what), List.of(), List.of());
    }
}
