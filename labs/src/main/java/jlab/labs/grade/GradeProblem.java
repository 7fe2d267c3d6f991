package jlab.labs.grade;

/** A submission file the grader refused, dropped or marked, and why, in one line. */
public record GradeProblem(String file, Refusal.Kind kind, String reason) {
    @Override
    public String toString() { return file + ": " + kind.word() + ": " + reason; }
}
