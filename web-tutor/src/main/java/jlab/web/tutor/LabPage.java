package jlab.web.tutor;

import java.util.List;
import java.util.Map;

import io.javalin.http.Context;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.web.course.Chapter;
import jlab.web.course.Course;

/**
 * {@code /labs/ID}: the lab's title, objectives and instructions, its checks,
 * the Start / Check / Reset buttons, the results panel, the attempts so far,
 * and the place of the web terminal ({@code <div id="terminal" data-command="jlab">}).
 */
final class LabPage {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final LabBook labs;
    private final Course course;
    private final Attempts attempts;
    private final Language language;
    private final RenderedPages pages;

    LabPage(LabBook labs, Course course, Attempts attempts, Language language, RenderedPages pages) {
        this.pages = pages;
        this.labs = labs;
        this.course = course;
        this.attempts = attempts;
        this.language = language;
    }

    /** The words lab.js writes into the results panel, in the page's language (an attribute: escaped by the template). */
    private static String wordsJson(Lang lang) {
        Map<String, String> t = Messages.of(lang);
        Map<String, String> words = new java.util.TreeMap<>();
        for (String k : List.of("pass", "partial", "fail", "error", "skipped")) words.put(k, t.get("status." + k));
        for (String k : List.of("points", "evidence", "where", "observed", "expected", "hints", "working", "best", "last", "never"))
            words.put(k, t.get("lab." + k));
        try {
            return JSON.writeValueAsString(words);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    void show(Context ctx) {
        Lab lab = labs.require(ctx.pathParam("id"));
        Lang lang = language.of(ctx);
        pages.answer(ctx, "lab/" + lab.id() + "/" + lang.code(), "tutor/lab.ftlh", () -> model(ctx, lab, lang));
    }

    private Map<String, Object> model(Context ctx, Lab lab, Lang lang) {
        Map<String, Object> m = PageModel.of(lang, ctx.path());
        m.putAll(PageModel.labSummary(lab, lang, attempts));
        m.put("objectives", lab.objectives().stream().map(o -> o.in(lang)).toList());
        m.put("checks", lab.checks().stream().map(c -> Map.of("id", c.id(), "title", c.title().in(lang), "points", c.points())).toList());
        m.put("instructions", labs.instructions(lab, lang));
        m.put("attempts", attempts.of(lab.id()));
        List<Chapter> in = course.chapters().stream().filter(c -> c.labs().contains(lab.id())).toList();
        m.put("chapters", in.stream().map(c -> Map.of("id", c.id(), "title", c.title().in(lang))).toList());
        m.put("wordsJson", wordsJson(lang));
        return m;
    }
}
