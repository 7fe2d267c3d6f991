package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The course's build step, run by Maven before Asciidoctor (see pom.xml):
 * reads every source, reports every mistake with its file and line (and then
 * fails the build), and writes the JSON of the contract and the generated
 * AsciiDoc (glossary pages, printable quizzes, books).
 *
 * <p>Usage: {@code CourseBuild SRC LABS OUT GENERATED} — the module's src
 * directory, the labs module's labs directory, the jar's jlab/course
 * directory, the directory for generated AsciiDoc (what Asciidoctor renders
 * is staged there: nothing when the course is up to date, see {@link Inputs});
 * then {@code CourseBuild --done GENERATED} once Asciidoctor has succeeded.
 */
public final class CourseBuild {
    private final Path src;
    private final Path labs;
    private final Problems problems;

    public CourseBuild(Path src, Path labs) {
        this.src = src;
        this.labs = labs;
        this.problems = new Problems(src.toAbsolutePath().getParent());
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--done")) {
            done(Path.of(args[1]));
        } else if (args.length == 4) {
            new CourseBuild(Path.of(args[0]), Path.of(args[1])).build(Path.of(args[2]), Path.of(args[3]));
        } else {
            throw new IllegalArgumentException("usage: CourseBuild SRC LABS OUT GENERATED, or CourseBuild --done GENERATED");
        }
    }

    /** Where the digest of the last complete build is kept: next to GENERATED, which is emptied at each build. */
    static Path stamp(Path generated) { return generated.resolveSibling("course-inputs.sha256"); }

    /** Asciidoctor succeeded: the digest staged by {@link #build} names a complete build. */
    static void done(Path generated) throws IOException {
        Path pending = generated.resolve("pending.sha256");
        if (Files.exists(pending)) Files.move(pending, stamp(generated), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** What the sources hold, once read and checked. */
    public record Course(List<Chapter[]> chapters, Map<String, Quiz> quizzes, List<Term> glossary) {}

    /** Reads and checks everything; the problems found (empty when the course is sound). */
    public List<String> validate() throws IOException {
        read();
        return problems.all();
    }

    public void build(Path out, Path generated) throws IOException {
        Course course = read();
        problems.failIfAny();
        String digest = Inputs.digest(src, labIds());
        Path stamp = stamp(generated);
        if (Files.exists(stamp) && Files.readString(stamp).equals(digest) && Files.exists(out.resolve("chapters.json"))) {
            clear(generated); // nothing staged: both Asciidoctor runs skip ("No sourceDirectory found")
            System.out.println("[course] up to date: nothing changed since the last complete build");
            return;
        }
        Files.deleteIfExists(stamp);
        // What this build writes starts empty, so that a chapter or a quiz removed from the sources
        // does not live on in the jar. (Not all of OUT: this builder's own classes are in OUT/build.)
        for (String mine : List.of("fr", "en", "quiz", "chapters.json", "glossary.json")) clear(out.resolve(mine));
        clear(generated);
        CourseJson json = new CourseJson(out);
        BookSources book = new BookSources(generated);
        json.chapters(course.chapters(), course.quizzes().keySet());
        for (Quiz q : course.quizzes().values()) json.quiz(q);
        json.glossary(course.glossary());
        for (int i = 0; i < Fields.LANGS.size(); i++) {
            String lang = Fields.LANGS.get(i);
            int index = i;
            GlossaryPage.writeHtml(out.resolve(lang).resolve("glossary.html"), lang, course.glossary());
            book.book(lang, course.chapters().stream().map(pair -> pair[index]).toList(), course.quizzes(), course.glossary());
        }
        for (Chapter[] pair : course.chapters()) {
            for (Chapter c : pair) {
                // What Asciidoctor renders: one line per page, the chapter itself (its warnings name its own file).
                Path page = generated.resolve("pages").resolve(c.lang()).resolve(c.id() + ".adoc");
                Files.createDirectories(page.getParent());
                Files.writeString(page, "include::" + c.file().toAbsolutePath() + "[]\n");
            }
        }
        Files.writeString(generated.resolve("pending.sha256"), digest);
        System.out.println("[course] " + course.chapters().size() + " chapters, " + course.quizzes().size()
                + " quizzes, " + course.glossary().size() + " glossary terms");
    }

    private Course read() throws IOException {
        Set<String> labIds = labIds();
        ChapterReader reader = new ChapterReader(problems,
                Map.of("sessionsdir", src.resolve("sessions").toAbsolutePath(), "demosdir", src.resolve("demos").toAbsolutePath()),
                src.resolve("images"));
        Map<String, Map<String, Chapter>> byLang = new LinkedHashMap<>();
        for (String lang : Fields.LANGS) {
            Map<String, Chapter> chapters = new TreeMap<>();
            for (Path f : list(src.resolve("docs").resolve(lang), ".adoc")) chapters.put(id(f, ".adoc"), reader.read(f, lang));
            byLang.put(lang, chapters);
        }
        List<Term> glossary = Files.exists(src.resolve("glossary.yaml"))
                ? new GlossaryReader(problems).read(src.resolve("glossary.yaml")) : List.of();
        for (Term t : glossary) {
            if (t.chapter() != null && !byLang.get("fr").containsKey(t.chapter())) {
                problems.add(src.resolve("glossary.yaml"), t.line(), "term " + t.id() + ": no chapter \"" + t.chapter() + "\"");
            }
        }
        Set<String> glossaryIds = new TreeSet<>(glossary.stream().map(Term::id).toList());
        new CourseChecks(problems, labIds).check(byLang, glossaryIds);
        Map<String, Quiz> quizzes = new TreeMap<>();
        QuizReader quizReader = new QuizReader(problems);
        for (Path f : list(src.resolve("quiz"), ".yaml")) {
            String id = id(f, ".yaml");
            if (!byLang.get("fr").containsKey(id) && !byLang.get("en").containsKey(id)) {
                problems.add(f, 1, "quiz for chapter \"" + id + "\": no such chapter in src/docs");
            }
            Quiz q = quizReader.read(f);
            if (q != null) quizzes.put(id, q);
        }
        requireQuizzes(byLang.get("fr").values());
        List<Chapter[]> chapters = new ArrayList<>();
        for (Chapter fr : byLang.get("fr").values()) {
            Chapter en = byLang.get("en").get(fr.id());
            if (en != null) chapters.add(new Chapter[] {fr, en});
        }
        chapters.sort(Comparator.comparingInt(pair -> pair[0].number()));
        return new Course(chapters, quizzes, glossary);
    }

    /**
     * Every chapter ends with its self-check quiz: a chapter without {@code src/quiz/ID.yaml} is a
     * mistake, reported on the chapter's first line (once, on the French file). A quiz file that
     * exists but has mistakes is reported by {@link QuizReader} instead.
     */
    private void requireQuizzes(Iterable<Chapter> chapters) {
        for (Chapter c : chapters) {
            if (!Files.exists(src.resolve("quiz").resolve(c.id() + ".yaml"))) {
                problems.add(c.file(), 1, "chapter \"" + c.id() + "\" has no quiz: write src/quiz/" + c.id()
                        + ".yaml (five questions or more; its format is in course-material/README.md)");
            }
        }
    }

    private static void clear(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    /** The lab ids: the folders of the labs module that hold a lab.yaml. */
    private Set<String> labIds() throws IOException {
        if (!Files.isDirectory(labs)) {
            throw new CourseException("no labs directory at " + labs + ": course-material reads the lab ids from the labs module's sources");
        }
        try (Stream<Path> dirs = Files.list(labs)) {
            return new TreeSet<>(dirs.filter(d -> Files.isRegularFile(d.resolve("lab.yaml")))
                    .map(d -> d.getFileName().toString()).toList());
        }
    }

    /** The files of a directory with that extension, in name order; files starting with "_" are parts, included only. */
    private static List<Path> list(Path dir, String extension) throws IOException {
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(extension))
                    .filter(f -> !f.getFileName().toString().startsWith("_")).sorted().toList();
        }
    }

    private static String id(Path f, String extension) {
        String name = f.getFileName().toString();
        return name.substring(0, name.length() - extension.length());
    }
}
