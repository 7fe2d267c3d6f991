package jlab.web.course;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.labs.model.Lang;
import jlab.labs.model.Text;

/**
 * The course as course-material's jar holds it, read from the class path:
 * {@code jlab/course/chapters.json} (the outline) and one HTML fragment per
 * chapter and language, {@code jlab/course/fr/ID.html}, rendered from AsciiDoc
 * at build time. Without them (course-material not built) the course is
 * empty and {@link #built()} says so: the tutor still serves the labs.
 *
 * <p>A fragment never changes while jlab runs, so each is read once and kept.
 */
public final class Course {
    public static final String ROOT = "jlab/course";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassLoader loader;
    private final List<Chapter> chapters;
    private final Map<String, Optional<String>> fragments = new ConcurrentHashMap<>();
    private final Map<String, Optional<Quiz>> quizzes = new ConcurrentHashMap<>();

    private Course(ClassLoader loader, List<Chapter> chapters) {
        this.loader = loader;
        this.chapters = List.copyOf(chapters);
    }

    /** The course on jlab's class path. */
    public static Course fromClassPath() { return from(Course.class.getClassLoader()); }

    /** The course {@code loader} finds (a test's fixture, a jar). */
    public static Course from(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(ROOT + "/chapters.json")) {
            if (in == null) return new Course(loader, List.of());
            return new Course(loader, parse(JSON.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "/chapters.json: " + e.getMessage(), e);
        }
    }

    /** Whether course-material's output is there at all. */
    public boolean built() { return !chapters.isEmpty(); }

    /** In the course's order. */
    public List<Chapter> chapters() { return chapters; }

    public List<String> ids() { return chapters.stream().map(Chapter::id).toList(); }

    public Optional<Chapter> find(String id) { return chapters.stream().filter(c -> c.id().equals(id)).findFirst(); }

    /** The chapter before {@code id} in the course, if any. */
    public Optional<Chapter> previous(String id) { return neighbour(id, -1); }

    public Optional<Chapter> next(String id) { return neighbour(id, +1); }

    private Optional<Chapter> neighbour(String id, int step) {
        int i = ids().indexOf(id);
        int j = i + step;
        return i < 0 || j < 0 || j >= chapters.size() ? Optional.empty() : Optional.of(chapters.get(j));
    }

    /** The chapter's HTML fragment in {@code lang} (already safe HTML: the build made it from our AsciiDoc). */
    public Optional<String> html(String id, Lang lang) {
        if (find(id).isEmpty()) return Optional.empty();
        return fragments.computeIfAbsent(lang.code() + "/" + id, this::read);
    }

    /** The glossary page (French–English terms) in {@code lang}, if the course is built. */
    public Optional<String> glossaryHtml(Lang lang) {
        return fragments.computeIfAbsent(lang.code() + "/glossary", this::read);
    }

    /** The chapter's self-check quiz, if it has one. */
    public Optional<Quiz> quiz(String id) {
        if (find(id).isEmpty()) return Optional.empty();
        return quizzes.computeIfAbsent(id, this::readQuiz);
    }

    private Optional<Quiz> readQuiz(String id) {
        String name = ROOT + "/quiz/" + id + ".json";
        try (InputStream in = loader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(Quiz.parse(JSON.readTree(in)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> read(String name) {
        try (InputStream in = loader.getResourceAsStream(ROOT + "/" + name + ".html")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ROOT + "/" + name + ".html: " + e.getMessage(), e);
        }
    }

    static List<Chapter> parse(JsonNode root) {
        if (!root.isArray()) throw new IllegalStateException(ROOT + "/chapters.json: an array of chapters expected");
        List<Chapter> out = new ArrayList<>();
        for (JsonNode c : root) {
            List<String> labs = new ArrayList<>();
            c.path("labs").forEach(l -> labs.add(l.isTextual() ? l.asText() : l.path("id").asText()));
            List<Chapter.Section> sections = new ArrayList<>();
            // A section is {"id", "title": {fr, en}}; a plain string is taken as both its id and its title.
            c.path("sections").forEach(s -> sections.add(s.isTextual()
                    ? new Chapter.Section(s.asText(), Text.both(s.asText()))
                    : new Chapter.Section(s.path("id").asText(), text(s.path("title")))));
            out.add(new Chapter(c.path("id").asText(), c.path("number").asInt(out.size() + 1), text(c.path("title")),
                    text(c.path("summary")), labs, sections));
        }
        return out;
    }

    static Text text(JsonNode n) {
        if (n.isTextual()) return Text.both(n.asText());
        return new Text(n.path("fr").asText(n.path("en").asText()), n.path("en").asText(n.path("fr").asText()));
    }
}
