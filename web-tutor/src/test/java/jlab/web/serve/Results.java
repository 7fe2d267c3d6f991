package jlab.web.serve;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jlab.labs.check.Evidence;
import jlab.labs.check.Status;
import jlab.labs.grade.SubmissionEnvelope;
import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;
import jlab.labs.run.CheckResult;
import jlab.labs.run.LabResult;
import jlab.labs.run.ResultJson;

/** Submissions as {@code jlab lab submit} makes them (labs' ResultJson and SubmissionEnvelope.seal), no host needed. */
final class Results {
    private Results() {}

    /**
     * The labs the test server grades: uts-namespace with checks c1 and c2, cgroup-pids with c1, check ci worth
     * i points, as {@link #json} writes them (the server audits each result against its lab).
     */
    static final List<Lab> LABS = List.of(lab("uts-namespace", 2), lab("cgroup-pids", 1));

    private static Lab lab(String id, int checks) {
        List<CheckSpec> specs = new ArrayList<>();
        for (int points = 1; points <= checks; points++) {
            specs.add(new CheckSpec("c" + points, new Text("Vérif " + points, "Check " + points), points, "file", Map.of(), List.of(),
                    new Text("", ""), points));
        }
        return new Lab(id, 1, new Text(id, id), new Text("", ""), List.of(), List.of(), List.of(), specs, List.of(), Path.of(id));
    }

    /** Check i is {@code c<i>}, worth i points. */
    static String json(String lab, Status... statuses) {
        List<CheckResult> checks = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            int points = i + 1;
            Status s = statuses[i];
            double score = s == Status.PASS ? points : s == Status.PARTIAL ? points / 2.0 : 0;
            checks.add(new CheckResult("c" + points, new Text("Vérif " + points, "Check " + points), s, score, points,
                    new Text("vu", "seen"), List.of(new Evidence("/proc/" + i, "observed", "expected")), List.of()));
        }
        Instant at = Instant.parse("2026-12-02T10:00:00Z");
        return ResultJson.write(new LabResult(lab, 1, "jlab 0.1.0", new LabResult.HostFacts("pc", "6.1.0", "v1"), at,
                at.plusMillis(30), checks), Lang.EN);
    }

    static byte[] sealed(String student, String token, String lab, Instant at, Status... statuses) {
        return SubmissionEnvelope.seal(student, json(lab, statuses), at, token);
    }
}
