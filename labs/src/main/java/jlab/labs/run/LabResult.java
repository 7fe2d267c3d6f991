package jlab.labs.run;

import java.time.Instant;
import java.util.List;

import jlab.labs.check.Status;

/**
 * A whole lab check: what {@code lab check} prints and {@code lab submit}
 * sends, as {@code jlab.result/v1} ({@link ResultJson}).
 *
 * @param host       where it ran: hostname, kernel release, cgroup version
 */
public record LabResult(String labId, int labVersion, String checkerVersion, HostFacts host,
                        Instant startedAt, Instant finishedAt, List<CheckResult> checks) {
    public LabResult {
        checks = List.copyOf(checks);
    }

    /** The machine a result was made on. */
    public record HostFacts(String hostname, String kernel, String cgroup) {}

    public double score() { return checks.stream().mapToDouble(CheckResult::score).sum(); }

    /** The points at stake: a check that errored is left out (the checker broke, not the student's work). */
    public int maxScore() {
        return checks.stream().filter(c -> c.status() != Status.ERROR).mapToInt(CheckResult::maxScore).sum();
    }

    /** {@code lab check} exits 0 only then. */
    public boolean allPassed() { return checks.stream().allMatch(c -> c.status() == Status.PASS); }
}
