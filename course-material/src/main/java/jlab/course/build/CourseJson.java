package jlab.course.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes the data half of the contract (README.md): chapters.json,
 * quiz/ID.json, glossary.json — maps in a fixed order, so the same sources
 * give the same bytes.
 */
public final class CourseJson {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Path out;

    public CourseJson(Path out) {
        this.out = out;
    }

    /** {@code chapters}: course order, each as {fr, en}; {@code quizzes}: the chapter ids that have a quiz. */
    public void chapters(List<Chapter[]> chapters, java.util.Set<String> quizzes) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Chapter[] pair : chapters) {
            Chapter fr = pair[0], en = pair[1];
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", fr.id());
            c.put("number", fr.number());
            c.put("title", Fields.pair(fr.title(), en.title()));
            c.put("summary", Fields.pair(fr.summary(), en.summary()));
            c.put("labs", fr.labs());
            List<Map<String, Object>> sections = new ArrayList<>();
            List<Chapter.Section> frs = fr.topSections(), ens = en.topSections();
            for (int i = 0; i < frs.size(); i++) {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("id", frs.get(i).id());
                s.put("title", Fields.pair(plain(frs.get(i).title()), plain(ens.get(i).title())));
                sections.add(s);
            }
            c.put("sections", sections);
            c.put("quiz", quizzes.contains(fr.id()) ? "quiz/" + fr.id() + ".json" : null);
            list.add(c);
        }
        write(out.resolve("chapters.json"), list);
    }

    public void quiz(Quiz quiz) throws IOException {
        write(out.resolve("quiz").resolve(quiz.chapter() + ".json"), quiz);
    }

    public void glossary(List<Term> terms) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Term t : terms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", t.id());
            m.put("term", t.term());
            m.put("definition", t.definition());
            m.put("chapter", t.chapter());
            list.add(m);
        }
        write(out.resolve("glossary.json"), list);
    }

    /** A section title as text: AsciiDoc's inline marks (`code`, *strong*, _emphasis_) taken off. */
    static String plain(String title) {
        return title.replaceAll("[`*_+]", "");
    }

    private void write(Path file, Object value) throws IOException {
        Files.createDirectories(file.getParent());
        json.writeValue(file.toFile(), value);
    }
}
