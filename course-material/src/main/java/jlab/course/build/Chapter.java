package jlab.course.build;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One chapter in one language, as read from {@code src/docs/LANG/ID.adoc}:
 * what chapters.json says about it, and what must be checked against the
 * rest of the course (references, includes, labs).
 */
public record Chapter(
        String id, String lang, Path file,
        int number, int numberLine,
        String title, String summary,
        List<String> labs, int labsLine,
        List<Section> sections,
        Set<String> anchors,
        List<Reference> references) {

    /** A titled section; {@code level} 1 for "==", 2 for "===". */
    public record Section(String id, String title, int level, int line) {}

    /**
     * Something the chapter points at, checked once every chapter is read.
     * {@code kind}: "xref" (target "chapter#anchor"), "lab" (a lab id).
     */
    public record Reference(String kind, String target, int line) {}

    public List<Section> topSections() {
        return sections.stream().filter(s -> s.level() == 1).toList();
    }
}
