package jlab.labs.grade;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;

/**
 * A result checked against itself and against the lab it names, before it
 * goes into a gradebook. The HMAC proves who sent a file and that nobody
 * changed it since; it does not prove its numbers are jlab's: the student
 * holds the token, so a result edited by hand can be signed again. Whatever
 * a file claims, it must then at least add up as {@code lab check} writes it
 * — the score within the points at stake and the sum of the checks' scores,
 * each check within its own points, {@code passed} exactly when every check
 * passed — and be about a lab this jlab has: its id, its version, its checks
 * in order with their points. Anything else is refused with the reason, in
 * one line, and never reaches the gradebook: neither {@code jlab grade}'s
 * ({@link Grader}) nor {@code jlab serve}'s, whose submission API runs the
 * same audit on what it receives.
 */
public final class ResultAudit {
    /** Scores are written with two decimals; their sum may differ from the total in the last digit. */
    private static final double ROUNDING = 0.005;

    private ResultAudit() {}

    /**
     * @param labs the labs this jlab has, by id (the catalogue)
     * @throws Refusal {@link Refusal.Kind#INCONSISTENT} or {@link Refusal.Kind#UNKNOWN_LAB}, with the reason
     */
    public static void check(SubmittedResult r, Function<String, Optional<Lab>> labs) {
        addsUp(r);
        Lab lab = labs.apply(r.lab()).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN_LAB, "lab '" + r.lab()
                + "' is not one of this jlab's labs (jlab lab list; an instructor's own: JLAB_LABS_DIR)"));
        if (r.labVersion() != lab.version()) {
            throw new Refusal(Refusal.Kind.UNKNOWN_LAB, "lab '" + r.lab() + "' version " + r.labVersion() + ": this jlab has version "
                    + lab.version() + ", whose checks differ (grade it with the jlab that checked it, or ask for a new lab check)");
        }
        List<String> ids = r.checks().stream().map(SubmittedResult.Check::id).toList();
        List<String> expected = lab.checks().stream().map(CheckSpec::id).toList();
        if (!ids.equals(expected)) {
            throw new Refusal(Refusal.Kind.UNKNOWN_LAB, "the checks " + ids + " are not those of lab '" + r.lab() + "' version "
                    + lab.version() + ": " + expected);
        }
        for (int i = 0; i < ids.size(); i++) {
            SubmittedResult.Check c = r.checks().get(i);
            int points = "error".equals(c.result()) ? 0 : lab.checks().get(i).points();
            if (c.maxScore() != points) {
                throw inconsistent(i, c, "max_score " + c.maxScore() + ", but the lab gives it " + points
                        + ("error".equals(c.result()) ? " (a check that errored is not at stake)" : ""));
            }
        }
    }

    /** The result against itself: what lab check's own arithmetic guarantees. */
    private static void addsUp(SubmittedResult r) {
        double sum = 0;
        int max = 0;
        boolean all = true;
        for (int i = 0; i < r.checks().size(); i++) {
            SubmittedResult.Check c = r.checks().get(i);
            if (!c.number().equals(String.valueOf(i + 1))) throw inconsistent(i, c, "number \"" + c.number() + "\", not \"" + (i + 1) + "\"");
            if (c.score() < 0 || c.score() > c.maxScore() + ROUNDING) {
                throw inconsistent(i, c, "score " + Gradebook.number(c.score()) + " is outside 0.." + c.maxScore() + ", its max_score");
            }
            if ("passed".equals(c.status()) != c.passed()) {
                throw inconsistent(i, c, "status \"" + c.status() + "\" with result \"" + c.result() + "\" (passed is for pass only)");
            }
            if (c.passed() && Math.abs(c.score() - c.maxScore()) > ROUNDING) {
                throw inconsistent(i, c, "a pass scores its max_score " + c.maxScore() + ", not " + Gradebook.number(c.score()));
            }
            if (List.of("fail", "skipped", "error").contains(c.result()) && c.score() != 0) {
                throw inconsistent(i, c, "a check whose result is " + c.result() + " scores 0, not " + Gradebook.number(c.score()));
            }
            sum += c.score();
            max += c.maxScore();
            all &= c.passed();
        }
        if (r.score() > r.maxScore() + ROUNDING) {
            throw new Refusal(Refusal.Kind.INCONSISTENT, "score " + Gradebook.number(r.score()) + " is more than max_score " + r.maxScore());
        }
        if (Math.abs(r.score() - sum) > ROUNDING) {
            throw new Refusal(Refusal.Kind.INCONSISTENT, "score " + Gradebook.number(r.score()) + " is not the sum of the tests' scores ("
                    + Gradebook.number(sum) + ")");
        }
        if (r.maxScore() != max) {
            throw new Refusal(Refusal.Kind.INCONSISTENT, "max_score " + r.maxScore() + " is not the sum of the tests' max_score (" + max + ")");
        }
        if (r.passed() != all) {
            throw new Refusal(Refusal.Kind.INCONSISTENT, "passed is " + r.passed() + ", but " + (all ? "every test passed" : "not every test passed"));
        }
    }

    private static Refusal inconsistent(int i, SubmittedResult.Check c, String what) {
        return new Refusal(Refusal.Kind.INCONSISTENT, "tests[" + i + "] (" + c.id() + "): " + what);
    }
}
