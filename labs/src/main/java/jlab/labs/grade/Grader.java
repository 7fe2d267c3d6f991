package jlab.labs.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import jlab.labs.model.Lab;

/**
 * Grades a folder of submission files into one {@link Gradebook}. Every
 * file is opened on its own: one that is malformed, truncated, tampered,
 * from a student the roster does not know, of another schema, whose numbers
 * do not add up or whose lab this jlab does not have ({@link ResultAudit})
 * becomes a problem with its reason, and the others are graded all the same. Of two
 * submissions of the same student and lab, the latest is kept and the other
 * named as dropped; one after the deadline is kept and marked late.
 */
public final class Grader {
    private static final Comparator<GradeEntry> LATEST = Comparator.comparing(GradeEntry::submittedAt)
            .thenComparing(GradeEntry::file);

    private static final java.util.Set<String> OWN_FILES = java.util.Set.of("gradebook.csv", "gradebook.json");

    /** A submission is a few KiB; a file of gigabytes in the folder must not take the grader's memory. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Roster roster;
    private final Instant deadline;
    private final Function<String, Optional<Lab>> labs;

    /**
     * @param roster   null: HMACs are not verified
     * @param deadline null: nothing is late
     * @param labs     the labs this jlab has, by id ({@code Catalogue::find}): a result must be one of theirs
     */
    public Grader(Roster roster, Instant deadline, Function<String, Optional<Lab>> labs) {
        this.roster = roster;
        this.deadline = deadline;
        this.labs = labs;
    }

    public Gradebook grade(Path dir) {
        List<GradeProblem> problems = new ArrayList<>();
        Map<String, List<GradeEntry>> byStudentAndLab = new TreeMap<>();
        // Each file on its own, on every core; the order is the files' again once they are all read.
        List<Object> opened = files(dir).parallelStream().map(this::open).toList();
        for (Object o : opened) {
            if (o instanceof GradeEntry e) byStudentAndLab.computeIfAbsent(e.student() + "\0" + e.lab(), k -> new ArrayList<>()).add(e);
            else problems.add((GradeProblem) o);
        }
        List<GradeEntry> kept = new ArrayList<>();
        for (List<GradeEntry> same : byStudentAndLab.values()) {
            same.sort(LATEST);
            GradeEntry latest = same.get(same.size() - 1);
            for (GradeEntry older : same.subList(0, same.size() - 1)) {
                problems.add(new GradeProblem(older.file(), Refusal.Kind.DUPLICATE, older.student() + " sent " + older.lab()
                        + " again: this one (submitted " + older.submittedAt() + ") is dropped, " + latest.file()
                        + " (submitted " + latest.submittedAt() + ") is kept"));
            }
            if (latest.lateBy() != null) {
                problems.add(new GradeProblem(latest.file(), Refusal.Kind.LATE, "submitted " + latest.submittedAt() + ", "
                        + Gradebook.duration(latest.lateBy()) + " after the deadline " + deadline + ": kept, marked late"));
            }
            kept.add(latest);
        }
        kept.sort(Comparator.comparing(GradeEntry::student).thenComparing(GradeEntry::lab));
        problems.sort(Comparator.comparing(GradeProblem::file).thenComparing(GradeProblem::kind));
        return new Gradebook(kept, problems, statistics(kept), roster != null, deadline);
    }

    /** A file's entry, or its problem. */
    private Object open(Path file) {
        String name = file.getFileName().toString();
        try {
            return entry(file, name);
        } catch (Refusal r) {
            return new GradeProblem(name, r.kind(), r.reason());
        }
    }

    private GradeEntry entry(Path file, String name) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new Refusal(Refusal.Kind.MALFORMED, size / 1024 + " KiB: too big for a submission (at most "
                        + MAX_BYTES / 1024 + " KiB; lab submit writes a few KiB)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.MALFORMED, "cannot read: " + e.getMessage());
        }
        Submission s = roster == null ? SubmissionEnvelope.open(bytes, null) : SubmissionEnvelope.openSigned(bytes, roster);
        ResultAudit.check(s.result(), labs);
        Duration late = deadline != null && s.submittedAt().isAfter(deadline) ? Duration.between(deadline, s.submittedAt()) : null;
        return new GradeEntry(s.student(), name, s.submittedAt(), late, s.result());
    }

    /**
     * The folder's regular files, by name. Not submissions: hidden files (an
     * editor's, a sync tool's) and a gradebook written into the same folder.
     */
    private static List<Path> files(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !OWN_FILES.contains(p.getFileName().toString()))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Per lab, of these entries: students, mean score, how many passed all, the checks that fail most (also jlab serve's dashboard). */
    public static List<LabStatistics> statistics(List<GradeEntry> entries) {
        Map<String, List<GradeEntry>> byLab = new TreeMap<>();
        entries.forEach(e -> byLab.computeIfAbsent(e.lab(), l -> new ArrayList<>()).add(e));
        List<LabStatistics> stats = new ArrayList<>();
        byLab.forEach((lab, list) -> {
            Map<String, SubmittedResult.Check> first = new LinkedHashMap<>();
            Map<String, Integer> notPassed = new LinkedHashMap<>();
            for (GradeEntry e : list) {
                for (SubmittedResult.Check c : e.result().checks()) {
                    first.putIfAbsent(c.id(), c);
                    if (!c.passed()) notPassed.merge(c.id(), 1, Integer::sum);
                }
            }
            List<LabStatistics.FailingCheck> failing = notPassed.entrySet().stream()
                    .sorted(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue).reversed()
                            .thenComparingInt(c -> Gradebook.order(first.get(c.getKey()).number()))
                            .thenComparing(Map.Entry::getKey))
                    .map(c -> new LabStatistics.FailingCheck(c.getKey(), first.get(c.getKey()).name(), c.getValue()))
                    .toList();
            double mean = list.stream().mapToDouble(e -> e.result().score()).average().orElse(0);
            int max = list.stream().mapToInt(e -> e.result().maxScore()).max().orElse(0);
            int passed = (int) list.stream().filter(e -> e.result().passed()).count();
            stats.add(new LabStatistics(lab, list.size(), mean, max, passed, failing));
        });
        return stats;
    }
}
