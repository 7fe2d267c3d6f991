package jlab.web.tutor;

import java.util.Map;

import io.javalin.http.Context;
import jlab.labs.model.Lang;

/**
 * {@code /containers}, the live view, and its JSON: {@code GET /api/containers}
 * and {@code GET /api/containers/NAME/stats}, which static/containers.js
 * polls each second to draw the charts (uPlot).
 */
final class ContainerPages {
    private final HostContainers containers;
    private final Language language;

    ContainerPages(HostContainers containers, Language language) {
        this.containers = containers;
        this.language = language;
    }

    void page(Context ctx) {
        Lang lang = language.of(ctx);
        Map<String, Object> m = PageModel.of(lang, ctx.path());
        m.put("containers", containers.list());
        ctx.render("tutor/containers.ftlh", m);
    }

    void list(Context ctx) { ctx.json(Map.of("containers", containers.list())); }

    void stats(Context ctx) { ctx.json(containers.stats(ctx.pathParam("name"))); }
}
