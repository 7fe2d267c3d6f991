package jlab.web.tutor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jlab.labs.model.Lab;
import jlab.labs.model.Lang;

/** What every tutor page gets: its language, the tutor's words ({@code t}), the top bar's links. */
final class PageModel {
    private PageModel() {}

    static Map<String, Object> of(Lang lang, String path) {
        Map<String, String> t = Messages.of(lang);
        Map<String, Object> m = new HashMap<>();
        m.put("lang", lang.code());
        m.put("t", t);
        Lang other = lang == Lang.FR ? Lang.EN : Lang.FR;
        m.put("nav", List.of(
                Map.of("href", "/", "label", t.get("nav.home")),
                Map.of("href", "/containers", "label", t.get("nav.containers")),
                Map.of("href", "/course/glossary", "label", t.get("glossary.title")),
                Map.of("href", path + "?lang=" + other.code(), "label", other == Lang.FR ? "Français" : "English")));
        return m;
    }

    /** A lab as a page lists it: id, title, summary, points, and its progress (null: never checked). */
    static Map<String, Object> labSummary(Lab lab, Lang lang, Attempts attempts) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", lab.id());
        m.put("title", lab.title().in(lang));
        m.put("summary", lab.summary().in(lang));
        m.put("max", lab.maxScore());
        attempts.progress(lab.id()).ifPresent(p -> m.put("progress", p));
        return m;
    }
}
