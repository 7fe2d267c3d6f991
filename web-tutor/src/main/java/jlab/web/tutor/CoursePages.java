package jlab.web.tutor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import jlab.labs.model.Lang;
import jlab.web.ClientError;
import jlab.web.course.Chapter;
import jlab.web.course.Course;

/** {@code /}: the course's outline and every lab with its progress; {@code /course/ID}: a chapter. */
final class CoursePages {
    private final Course course;
    private final LabBook labs;
    private final Attempts attempts;
    private final Language language;
    private final RenderedPages pages;

    CoursePages(Course course, LabBook labs, Attempts attempts, Language language, RenderedPages pages) {
        this.pages = pages;
        this.course = course;
        this.labs = labs;
        this.attempts = attempts;
        this.language = language;
    }

    void home(Context ctx) {
        Lang lang = language.of(ctx);
        pages.answer(ctx, "home/" + lang.code(), "tutor/home.ftlh", () -> {
            Map<String, Object> m = PageModel.of(lang, ctx.path());
            m.put("courseBuilt", course.built());
            m.put("chapters", course.chapters().stream().map(c -> chapter(c, lang)).toList());
            m.put("labs", labs.all().stream().map(l -> PageModel.labSummary(l, lang, attempts)).toList());
            return m;
        });
    }

    void chapter(Context ctx) {
        String id = ctx.pathParam("id");
        Lang lang = language.of(ctx);
        Chapter c = course.find(id).orElseThrow(() -> ClientError.notFound(course.built()
                ? "no chapter " + id + ": the chapters are " + String.join(", ", course.ids())
                : "no chapter " + id + ": the course is not built here (./mvnw install -pl course-material)"));
        pages.answer(ctx, "course/" + c.id() + "/" + lang.code(), "tutor/chapter.ftlh", () -> {
            Map<String, Object> m = PageModel.of(lang, ctx.path());
            m.put("chapter", chapter(c, lang));
            // The fragment is our own build's HTML (AsciiDoc rendered by course-material): shown as it is.
            m.put("html", course.html(id, lang).orElse(""));
            course.previous(id).ifPresent(p -> m.put("previous", chapter(p, lang)));
            course.next(id).ifPresent(n -> m.put("next", chapter(n, lang)));
            return m;
        });
    }

    private Map<String, Object> chapter(Chapter c, Lang lang) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", c.id());
        m.put("number", c.number());
        m.put("title", c.title().in(lang));
        m.put("summary", c.summary().in(lang));
        List<Map<String, Object>> labList = new ArrayList<>();
        for (String labId : c.labs()) {
            labs.find(labId).ifPresent(l -> labList.add(PageModel.labSummary(l, lang, attempts)));
        }
        m.put("labs", labList);
        m.put("sections", c.sections().stream().map(s -> Map.of("id", s.id(), "title", s.title().in(lang))).toList());
        return m;
    }
}
