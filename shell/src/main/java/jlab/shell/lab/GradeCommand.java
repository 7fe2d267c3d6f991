package jlab.shell.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import jlab.engine.EngineException;
import jlab.labs.Catalogue;
import jlab.labs.grade.GradeProblem;
import jlab.labs.grade.Gradebook;
import jlab.labs.grade.GradebookCsv;
import jlab.labs.grade.GradebookJson;
import jlab.labs.grade.Grader;
import jlab.labs.grade.JunitXml;
import jlab.labs.grade.LabStatistics;
import jlab.labs.grade.Roster;
import jlab.shell.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jlab grade DIR}: the instructor's side. A folder of submission
 * files (from {@code lab submit --out}) becomes one gradebook —
 * gradebook.csv and gradebook.json in {@code --out} — and a table per lab.
 * Every file that cannot be graded as it is gets its reason on standard
 * error and in the gradebook's problems; the others are all graded.
 * Exit 0: every file graded cleanly; 1: the gradebook is written, with
 * problems; 125: nothing was written (no such folder, a bad roster or deadline).
 */
@Command(name = "grade", description = "Grade a folder of lab submissions into one gradebook (gradebook.csv, gradebook.json).")
public final class GradeCommand implements Callable<Integer> {
    private final Session session;
    @Parameters(paramLabel = "DIR", description = "The folder of submission files.") Path dir;
    @Option(names = "--tokens", paramLabel = "FILE", description = "The roster, one student,token a line: verifies each submission's HMAC.") Path tokens;
    @Option(names = "--deadline", paramLabel = "ISO-8601", description = "Submissions after it are kept but marked late (2026-12-02T16:30:00Z).") String deadline;
    @Option(names = "--out", paramLabel = "DIR", description = "Where gradebook.csv and gradebook.json go (default: the current folder).") Path out;
    @Option(names = "--json", description = "Print gradebook.json instead of the table.") boolean json;
    @Option(names = "--junit", paramLabel = "FILE", description = "Also write the gradebook as JUnit XML.") Path junit;
    @Option(names = "--help", usageHelp = true, description = "Show this help.") boolean help;

    public GradeCommand(Session session) { this.session = session; }

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) throw new EngineException("no folder " + dir + ": give the folder of submission files");
        Instant due = deadline == null ? null : deadline(deadline);
        Roster roster;
        try {
            roster = tokens == null ? null : Roster.read(tokens);
        } catch (IllegalArgumentException e) {
            throw new EngineException(e.getMessage());
        }
        Path target = out == null ? Path.of("") : out;
        try {
            Files.createDirectories(target.toAbsolutePath());
        } catch (IOException e) {
            throw new EngineException("--out " + target + ": cannot make the folder (" + e.getMessage() + ")");
        }

        Gradebook book = new Grader(roster, due, Catalogue.standard(System.getenv())::find).grade(dir);
        String gradebookJson = GradebookJson.write(book);
        write(target.resolve("gradebook.csv"), GradebookCsv.write(book));
        write(target.resolve("gradebook.json"), gradebookJson);
        if (junit != null) write(junit, JunitXml.write(book));

        if (roster == null) session.err().println("jlab grade: HMACs not verified (no --tokens): anyone could have written these files");
        for (GradeProblem p : book.problems()) session.err().println("jlab grade: " + p);
        if (json) {
            session.out().print(gradebookJson);
        } else {
            table(book);
            session.out().println(book.entries().size() + (book.entries().size() == 1 ? " entry" : " entries") + ", "
                    + book.problems().size() + (book.problems().size() == 1 ? " problem" : " problems") + ": "
                    + target.resolve("gradebook.csv") + ", " + target.resolve("gradebook.json")
                    + (junit == null ? "" : ", " + junit));
        }
        return book.problems().isEmpty() ? 0 : LabCommand.NOT_PASSED;
    }

    private void table(Gradebook book) {
        session.out().printf("%-16s %-8s %-10s %-7s %s%n", "LAB", "STUDENTS", "MEAN", "PASSED", "NOT PASSED MOST");
        for (LabStatistics s : book.statistics()) {
            String most = s.failing().stream().limit(3).map(f -> f.id() + " (" + f.notPassed() + ")").collect(Collectors.joining(", "));
            session.out().printf("%-16s %-8d %-10s %-7d %s%n", s.lab(), s.students(),
                    Gradebook.number(s.meanScore()) + "/" + s.maxScore(), s.allPassed(), most.isEmpty() ? "-" : most);
        }
    }

    /** An instant ({@code 2026-12-02T16:30:00Z}) or a time with its offset ({@code 2026-12-02T17:30+01:00}). */
    static Instant deadline(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new EngineException("--deadline takes an ISO-8601 time with its zone, such as 2026-12-02T16:30:00Z, not '" + s + "'");
        }
    }

    /** Written beside, then renamed: an old gradebook is replaced whole, never half. */
    private static void write(Path file, String text) {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
