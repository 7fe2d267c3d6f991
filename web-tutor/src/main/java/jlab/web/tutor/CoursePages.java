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
import jlab.web.course.InlineCode;
import jlab.web.course.Quiz;

/**
 * {@code /}: the course's outline and every lab with its progress; {@code /course/ID}: a chapter and its
 * self-check quiz (graded by {@code POST /course/ID/quiz}); {@code /course/glossary}: the glossary.
 */
final class CoursePages {
    /** {@code /course/glossary}: not a chapter, the glossary of them all. */
    static final String GLOSSARY = "glossary";

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
        if (id.equals(GLOSSARY)) {
            glossary(ctx, lang);
            return;
        }
        Chapter c = course.find(id).orElseThrow(() -> ClientError.notFound(course.built()
                ? "no chapter " + id + ": the chapters are " + String.join(", ", course.ids())
                : "no chapter " + id + ": the course is not built here (./mvnw install -pl course-material)"));
        pages.answer(ctx, "course/" + c.id() + "/" + lang.code(), "tutor/chapter.ftlh", () -> {
            Map<String, Object> m = PageModel.of(lang, ctx.path());
            m.put("chapter", chapter(c, lang));
            // The fragment is our own build's HTML (AsciiDoc rendered by course-material): shown as it is.
            m.put("html", course.html(id, lang).orElse(""));
            course.quiz(id).ifPresent(q -> m.put("quiz", questions(q, lang)));
            course.previous(id).ifPresent(p -> m.put("previous", chapter(p, lang)));
            course.next(id).ifPresent(n -> m.put("next", chapter(n, lang)));
            return m;
        });
    }

    /** {@code /course/glossary}: the French–English glossary course-material rendered. */
    private void glossary(Context ctx, Lang lang) {
        String html = course.glossaryHtml(lang).orElseThrow(() ->
                ClientError.notFound("no glossary: the course is not built here (./mvnw install -pl course-material)"));
        pages.answer(ctx, "course/glossary/" + lang.code(), "tutor/glossary.ftlh", () -> {
            Map<String, Object> m = PageModel.of(lang, ctx.path());
            m.put("html", html);
            return m;
        });
    }

    /**
     * {@code POST /course/ID/quiz}: grades the chapter's self-check (form fields {@code q-QUESTION} =
     * choice id) and shows, per question, the answer given, the right one and why. Nothing is kept.
     */
    void quiz(Context ctx) {
        String id = ctx.pathParam("id");
        Lang lang = language.of(ctx);
        Chapter c = course.find(id).orElseThrow(() -> ClientError.notFound("no chapter " + id + ": the chapters are "
                + String.join(", ", course.ids())));
        Quiz quiz = course.quiz(id).orElseThrow(() -> ClientError.notFound("chapter " + id + " has no quiz"));
        Map<String, String> answers = new HashMap<>();
        for (Quiz.Question q : quiz.questions()) {
            String chosen = ctx.formParam("q-" + q.id());
            if (chosen != null) answers.put(q.id(), chosen);
        }
        List<Quiz.Graded> graded = quiz.grade(answers);
        Map<String, Object> m = PageModel.of(lang, ctx.path());
        m.put("chapter", chapter(c, lang));
        m.put("right", graded.stream().filter(Quiz.Graded::right).count());
        m.put("total", graded.size());
        m.put("results", graded.stream().map(g -> {
            Map<String, Object> r = new HashMap<>();
            r.put("id", g.question().id());
            r.put("question", InlineCode.html(g.question().question().in(lang)));
            r.put("chosen", g.chosen().map(ch -> InlineCode.html(ch.text().in(lang))).orElse(""));
            r.put("answer", InlineCode.html(g.answer().text().in(lang)));
            r.put("right", g.right());
            r.put("why", InlineCode.html(g.question().why().in(lang)));
            return r;
        }).toList());
        ctx.render("tutor/quiz.ftlh", m);
    }

    /** The quiz as the chapter's form shows it; texts as safe HTML ({@link InlineCode}). */
    private static List<Map<String, Object>> questions(Quiz quiz, Lang lang) {
        return quiz.questions().stream().map(q -> Map.<String, Object>of(
                "id", q.id(),
                "question", InlineCode.html(q.question().in(lang)),
                "choices", q.choices().stream().map(ch -> Map.of("id", ch.id(), "text", InlineCode.html(ch.text().in(lang)))).toList()))
                .toList();
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
