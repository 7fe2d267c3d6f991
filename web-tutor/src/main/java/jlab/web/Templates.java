package jlab.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import io.javalin.http.Context;
import io.javalin.rendering.FileRenderer;

/**
 * FreeMarker behind Javalin's {@link FileRenderer}: {@code ctx.render("lab.ftlh", model)}.
 *
 * <p>Templates live on the classpath under {@code /jlab/web/templates}. Files
 * ending in {@code .ftlh} are HTML: every {@code ${value}} is escaped, so what
 * a student typed or a lab's text can never become markup. A template error
 * is a server bug: it fails loudly in tests ({@code RETHROW}) instead of
 * printing half a page.
 *
 * <p>Each page also gets {@code csrf} (the session's token, for forms) and
 * {@code path} (the request's path), so layouts need no handler's help.
 */
public final class Templates implements FileRenderer {
    public static final String ROOT = "/jlab/web/templates";
    private final Configuration freemarker;

    public Templates() {
        freemarker = new Configuration(Configuration.VERSION_2_3_34);
        freemarker.setClassForTemplateLoading(Templates.class, ROOT);
        freemarker.setDefaultEncoding("UTF-8");
        freemarker.setOutputEncoding("UTF-8");
        freemarker.setLocale(Locale.ROOT);
        freemarker.setRecognizeStandardFileExtensions(true); // .ftlh: HTML auto-escaping
        freemarker.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        freemarker.setLogTemplateExceptions(false);
        freemarker.setWrapUncheckedExceptions(true);
        freemarker.setFallbackOnNullLoopVariable(false);
    }

    @Override
    public String render(String file, Map<String, ?> model, Context ctx) {
        Map<String, Object> all = new HashMap<>(model);
        if (ctx != null) {
            all.putIfAbsent("path", ctx.path());
            all.putIfAbsent("csrf", jlab.web.security.Csrf.token(ctx).orElse(""));
        }
        return render(file, all);
    }

    /** Renders without a request (a test, a static export). */
    public String render(String file, Map<String, ?> model) {
        try {
            StringWriter out = new StringWriter();
            freemarker.getTemplate(file).process(model, out);
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("template " + file, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("template " + file + ": " + e.getMessageWithoutStackTop(), e);
        }
    }
}
