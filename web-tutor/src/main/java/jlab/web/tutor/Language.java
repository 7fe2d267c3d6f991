package jlab.web.tutor;

import java.util.Locale;

import io.javalin.http.Context;
import jlab.labs.model.Lang;
import jlab.web.ClientError;
import jlab.web.security.Session;
import jlab.web.security.Sessions;

/**
 * Which language a page is in: {@code ?lang=fr|en} (then kept in the
 * session, so the next pages follow), else the session's, else
 * {@code jlab web --lang}, else the browser's first choice of French or
 * English ({@code Accept-Language}), else English.
 */
final class Language {
    static final String PARAM = "lang";
    private final Lang chosen;

    /** @param chosen {@code --lang}, or null */
    Language(Lang chosen) { this.chosen = chosen; }

    Lang of(Context ctx) {
        String asked = ctx.queryParam(PARAM);
        if (asked != null) {
            Lang lang = Lang.byCode(asked);
            if (lang == null) throw ClientError.badRequest("lang=" + asked + ": the course speaks fr or en (?lang=fr or ?lang=en)");
            Sessions.current(ctx).ifPresent(s -> s.put(PARAM, lang.code()));
            return lang;
        }
        Lang kept = Sessions.current(ctx).flatMap((Session s) -> s.get(PARAM)).map(Lang::byCode).orElse(null);
        if (kept != null) return kept;
        if (chosen != null) return chosen;
        return fromAcceptLanguage(ctx.header("Accept-Language"));
    }

    /** {@code fr-CH, fr;q=0.9, en;q=0.8} → FR: the first of fr or en the browser names (its order is its preference). */
    static Lang fromAcceptLanguage(String header) {
        if (header == null) return Lang.EN;
        for (String part : header.split(",")) {
            String tag = part.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (tag.startsWith("fr")) return Lang.FR;
            if (tag.startsWith("en")) return Lang.EN;
        }
        return Lang.EN;
    }
}
