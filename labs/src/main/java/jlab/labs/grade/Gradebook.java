package jlab.labs.grade;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A folder of submissions graded ({@link Grader}): the kept entries sorted by
 * student then lab, the problems sorted by file, statistics per lab. The
 * same folder gives the same gradebook, byte for byte, in every export.
 *
 * @param verified whether every kept entry's HMAC was checked against the roster
 * @param deadline null without one
 */
public record Gradebook(List<GradeEntry> entries, List<GradeProblem> problems, List<LabStatistics> statistics,
                        boolean verified, Instant deadline) {
    public Gradebook {
        entries = List.copyOf(entries);
        problems = List.copyOf(problems);
        statistics = List.copyOf(statistics);
    }

    /** A column of the gradebook beyond the fixed ones: one check of one lab. */
    public record Column(String lab, String check) {
        public String header() { return lab + "/" + check; }
    }

    /** Every check of every lab in the gradebook: labs sorted, checks in the lab's order. */
    public List<Column> columns() {
        Map<String, Map<String, Integer>> byLab = new TreeMap<>();
        for (GradeEntry e : entries) {
            Map<String, Integer> checks = byLab.computeIfAbsent(e.lab(), l -> new LinkedHashMap<>());
            for (SubmittedResult.Check c : e.result().checks()) checks.merge(c.id(), order(c.number()), Math::min);
        }
        List<Column> columns = new ArrayList<>();
        byLab.forEach((lab, checks) -> checks.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .forEach(c -> columns.add(new Column(lab, c.getKey()))));
        return columns;
    }

    static int order(String number) {
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** A score as the exports write it: {@code 4}, {@code 1.5}, {@code 3.33}. */
    public static String number(double d) {
        BigDecimal b = BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_EVEN).stripTrailingZeros();
        return b.scale() < 0 ? b.setScale(0).toPlainString() : b.toPlainString();
    }

    /** {@code 2h05m}, {@code 3m12s}, {@code 1d04h}: how late. */
    public static String duration(Duration d) {
        long s = d.getSeconds();
        if (s >= 86_400) return String.format("%dd%02dh", s / 86_400, s % 86_400 / 3600);
        if (s >= 3600) return String.format("%dh%02dm", s / 3600, s % 3600 / 60);
        if (s >= 60) return String.format("%dm%02ds", s / 60, s % 60);
        return s + "s";
    }
}
