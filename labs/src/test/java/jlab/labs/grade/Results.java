package jlab.labs.grade;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.labs.check.Evidence;
import jlab.labs.check.Status;
import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;
import jlab.labs.run.ResultJson;

/** Results as {@code lab check --json} writes them, made up for the grading tests (no host needed). */
final class Results {
    static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");

    private Results() {}

    /** The lab such results are of: {@code checks} checks, check i named {@code c<i>} and worth i points, version 1. */
    static Lab lab(String id, int checks) {
        List<CheckSpec> specs = new ArrayList<>();
        for (int i = 1; i <= checks; i++) {
            specs.add(new CheckSpec("c" + i, new Text("Vérif " + i, "Check " + i), i, "pid-one", Map.of(), List.of(), Text.both("h"), i));
        }
        return new Lab(id, 1, Text.both(id), Text.both(id), List.of(), List.of(), List.of(), specs, List.of(), Path.of(id));
    }

    /**
     * A result of {@code lab} whose checks have the given statuses, in order;
     * check i is named {@code c<i>} and worth i points.
     */
    static String json(String lab, Status... statuses) {
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            int points = i + 1;
            Status s = statuses[i];
            double score = s == Status.PASS ? points : s == Status.PARTIAL ? points / 2.0 : 0;
            List<Text> hints = s == Status.PASS ? List.of()
                    : List.of(new Text("Regardez /proc/" + i + " <&> \"ici\"", "Look at /proc/" + i + " <&> \"here\""));
            checks.add(new CheckResult("c" + points, new Text("Vérif " + points, "Check " + points), s, score, points,
                    new Text("vu " + s.word(), "seen " + s.word()),
                    List.of(new Evidence("/proc/" + i, "observed " + i, "expected " + i)), hints));
        }
        LabResult r = new LabResult(lab, 1, "jlab 0.1.0", new LabResult.HostFacts("pc", "6.1.0", "v1"), AT,
                AT.plusMillis(30), checks);
        return ResultJson.write(r, Lang.EN);
    }
}
