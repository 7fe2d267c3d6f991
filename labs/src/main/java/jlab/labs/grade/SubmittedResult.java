package jlab.labs.grade;

import java.time.Instant;
import java.util.List;

/**
 * A {@code jlab.result/v1} read back from its JSON (by {@link ResultReader}):
 * what the gradebook and the exports need, in the language it was written in.
 *
 * @param executionTime seconds the checks took
 * @param checks        in the lab's order
 */
public record SubmittedResult(String lab, int labVersion, String checker, Instant startedAt, Instant finishedAt,
                              double executionTime, double score, int maxScore, boolean passed,
                              List<Check> checks) {
    public SubmittedResult {
        checks = List.copyOf(checks);
    }

    /**
     * One entry of {@code tests}.
     *
     * @param number  Gradescope's "number": "1", "2"... (the lab's order)
     * @param result  jlab's word: pass, partial, fail, error, skipped
     * @param output  the message and the hints, as the student read them
     * @param hints   the hints alone (in the result's language), for the JUnit export
     */
    public record Check(String id, String number, String name, double score, int maxScore, String status,
                        String result, String output, String message, List<String> hints) {
        public Check {
            hints = List.copyOf(hints);
        }

        public boolean passed() { return "pass".equals(result); }
    }
}
