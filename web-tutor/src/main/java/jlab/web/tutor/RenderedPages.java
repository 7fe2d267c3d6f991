package jlab.web.tutor;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import io.javalin.http.Context;
import jlab.web.Templates;
import jlab.web.security.Csrf;
import jlab.web.security.Tokens;

/**
 * The tutor's pages, rendered once and kept: a chapter or a lab page changes
 * only when its language does or when an attempt is recorded (its progress,
 * its history). Only one thing differs from one browser to the next — the
 * session's CSRF token in the page's {@code <meta>} — so a page is rendered
 * with a placeholder there, and each answer puts the session's token in its
 * place: a string search instead of a template run per request.
 *
 * <p>The placeholder is random (made at start-up), so no text of the course
 * or of a lab can ever contain it by chance or on purpose.
 */
final class RenderedPages {
    private final Templates templates;
    private final IntSupplier version;
    private final String placeholder = "csrf-" + Tokens.random();
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private volatile int renderedAt = Integer.MIN_VALUE;

    /** @param version changes whenever a page may have to show something new (an attempt recorded) */
    RenderedPages(Templates templates, IntSupplier version) {
        this.templates = templates;
        this.version = version;
    }

    /** Answers the page {@code key} ({@code "lab/veth/fr"}), rendered from {@code template} and {@code model} if not kept. */
    void answer(Context ctx, String key, String template, Supplier<Map<String, Object>> model) {
        int now = version.getAsInt();
        if (now != renderedAt) {
            pages.clear(); // what was kept may show an old progress: render again from now on
            renderedAt = now;
        }
        String page = pages.computeIfAbsent(key, k -> {
            Map<String, Object> m = new java.util.HashMap<>(model.get());
            m.put("path", ctx.path());
            m.put("csrf", placeholder);
            return templates.render(template, m);
        });
        ctx.html(page.replace(placeholder, Csrf.token(ctx).orElse("")));
    }
}
