package jlab.web.tutor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
 * session's CSRF token in the page's {@code <meta>} and forms — so a page is
 * rendered with a placeholder there and kept as UTF-8 bytes cut at each
 * placeholder; an answer is those pieces with the session's token between
 * them: a few array copies, instead of a template run, a string search and an
 * encoding of the whole page per request.
 *
 * <p>The placeholder is random (made at start-up), so no text of the course
 * or of a lab can ever contain it by chance or on purpose.
 */
final class RenderedPages {
    private final Templates templates;
    private final IntSupplier version;
    private static final String HTML = "text/html; charset=utf-8";
    private final String placeholder = "csrf-" + Tokens.random();
    private final Map<String, Page> pages = new ConcurrentHashMap<>();
    private volatile int renderedAt = Integer.MIN_VALUE;

    /** A rendered page, as the bytes around its placeholders. */
    record Page(List<byte[]> pieces) {
        static Page cut(String html, String placeholder) {
            List<byte[]> pieces = new ArrayList<>();
            int from = 0;
            for (int at = html.indexOf(placeholder); at >= 0; at = html.indexOf(placeholder, from)) {
                pieces.add(html.substring(from, at).getBytes(StandardCharsets.UTF_8));
                from = at + placeholder.length();
            }
            pieces.add(html.substring(from).getBytes(StandardCharsets.UTF_8));
            return new Page(List.copyOf(pieces));
        }

        /** The page with {@code token} where each placeholder was. */
        byte[] with(String token) {
            byte[] t = token.getBytes(StandardCharsets.UTF_8);
            int size = t.length * (pieces.size() - 1);
            for (byte[] p : pieces) size += p.length;
            byte[] out = new byte[size];
            int at = 0;
            for (int i = 0; i < pieces.size(); i++) {
                if (i > 0) {
                    System.arraycopy(t, 0, out, at, t.length);
                    at += t.length;
                }
                byte[] p = pieces.get(i);
                System.arraycopy(p, 0, out, at, p.length);
                at += p.length;
            }
            return out;
        }
    }

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
        Page page = pages.computeIfAbsent(key, k -> {
            Map<String, Object> m = new java.util.HashMap<>(model.get());
            m.put("path", ctx.path());
            m.put("csrf", placeholder);
            return Page.cut(templates.render(template, m), placeholder);
        });
        ctx.contentType(HTML);
        ctx.result(page.with(Csrf.token(ctx).orElse("")));
    }
}
