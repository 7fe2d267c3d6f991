package jlab.web.serve;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import jlab.labs.grade.GradeEntry;
import jlab.labs.grade.Gradebook;
import jlab.labs.grade.Grader;
import jlab.labs.grade.Submission;
import jlab.labs.grade.SubmissionEnvelope;
import jlab.web.db.Labs;
import jlab.web.db.Students;
import jlab.web.db.Submissions;

/**
 * The class's gradebook, read from the database: every roster student ×
 * every lab that has a submission or a deadline; in each cell the best and
 * the latest score and whether the latest was late.
 *
 * <p>The latest submission is the one that counts in the exports — as in
 * {@code jlab grade} (and Canvas, and Gradescope's default); the best is
 * shown beside it. The statistics are labs' ({@link Grader#statistics}) over
 * the latest submissions, whose bytes are opened again by labs'
 * {@link SubmissionEnvelope} (their HMAC was checked when they arrived).
 */
public final class ClassGradebook {
    /** One student's submissions for one lab, summed up. {@code lateBy} of the latest: null when on time. */
    public record Cell(String student, String lab, double best, double latest, int maxScore, int submissions,
                       Instant latestAt, Duration lateBy, long latestId) {
        public boolean late() { return lateBy != null; }
        public String bestText() { return Gradebook.number(best); }
        public String latestText() { return Gradebook.number(latest); }
        public String lateText() { return lateBy == null ? "" : Gradebook.duration(lateBy); }
    }

    private final List<Students.Student> students;
    private final List<String> labs;
    private final Map<String, Cell> cells;
    private final Gradebook latest;

    private ClassGradebook(List<Students.Student> students, List<String> labs, Map<String, Cell> cells, Gradebook latest) {
        this.students = students;
        this.labs = labs;
        this.cells = cells;
        this.latest = latest;
    }

    public static ClassGradebook load(Students students, Submissions submissions, Labs labs) {
        Map<String, Instant> deadlines = labs.deadlines();
        List<Submissions.Stored> all = submissions.all(true);
        Map<String, List<Submissions.Stored>> byCell = new TreeMap<>();
        for (Submissions.Stored s : all) byCell.computeIfAbsent(key(s.student(), s.lab()), k -> new ArrayList<>()).add(s);
        Map<String, Cell> cells = new HashMap<>();
        List<GradeEntry> entries = new ArrayList<>();
        for (List<Submissions.Stored> list : byCell.values()) {
            Submissions.Stored last = list.stream().max(Comparator.comparing(Submissions.Stored::receivedAt)
                    .thenComparingLong(Submissions.Stored::id)).orElseThrow();
            double best = list.stream().mapToDouble(Submissions.Stored::score).max().orElse(0);
            Instant due = deadlines.get(last.lab());
            Duration late = due != null && last.receivedAt().isAfter(due) ? Duration.between(due, last.receivedAt()) : null;
            cells.put(key(last.student(), last.lab()), new Cell(last.student(), last.lab(), best, last.score(), last.maxScore(),
                    list.size(), last.receivedAt(), late, last.id()));
            Submission opened = SubmissionEnvelope.open(last.body(), null);
            entries.add(new GradeEntry(last.student(), "submission-" + last.id(), last.submittedAt(), late, opened.result()));
        }
        TreeSet<String> labIds = new TreeSet<>(deadlines.keySet());
        all.forEach(s -> labIds.add(s.lab()));
        entries.sort(Comparator.comparing(GradeEntry::student).thenComparing(GradeEntry::lab));
        Gradebook latest = new Gradebook(entries, List.of(), Grader.statistics(entries), true, null);
        return new ClassGradebook(students.all(), List.copyOf(labIds), cells, latest);
    }

    private static String key(String student, String lab) { return student + "\0" + lab; }

    public List<Students.Student> students() { return students; }

    public List<String> labs() { return labs; }

    public Optional<Cell> cell(String student, String lab) { return Optional.ofNullable(cells.get(key(student, lab))); }

    /** The latest submission of each student and lab, as labs' {@link Gradebook}: jlab grade's exports work on it. */
    public Gradebook latest() { return latest; }
}
