package jlab.web.serve;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jlab.web.ClientError;
import jlab.web.db.Labs;
import jlab.web.db.Role;

/** {@code /labs}: each lab's deadline; the instructor sets or clears it (ISO-8601 with its zone). */
final class DeadlineRoutes {
    private final Labs labs;
    private final List<String> catalogue;

    DeadlineRoutes(Labs labs, List<String> catalogue) {
        this.labs = labs;
        this.catalogue = catalogue;
    }

    void add(JavalinConfig cfg) {
        cfg.routes.get("/labs", this::page);
        cfg.routes.post("/labs/deadline", this::set);
    }

    private void page(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR, Role.ASSISTANT);
        Map<String, Object> m = Pages.model(ctx);
        Map<String, Instant> deadlines = labs.deadlines();
        m.put("labs", catalogue.stream().map(l -> Map.of("id", l, "deadline", deadlines.containsKey(l) ? deadlines.get(l).toString() : "")).toList());
        m.put("instructor", Auth.user(ctx).role() == Role.INSTRUCTOR);
        ctx.render("serve/labs.ftlh", m);
    }

    private void set(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR);
        String lab = Forms.text(ctx, "lab", 64);
        if (!catalogue.contains(lab)) throw ClientError.badRequest("no lab '" + lab + "' in jlab's catalogue");
        String text = Forms.optional(ctx, "deadline", 64).strip();
        Instant deadline = null;
        if (!text.isEmpty()) {
            try {
                deadline = OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw ClientError.badRequest("deadline: '" + text + "' is not an ISO-8601 time with its zone, such as 2026-12-02T16:30:00Z or 2026-12-02T17:30+01:00");
            }
        }
        labs.deadline(lab, deadline);
        ctx.redirect("/labs", HttpStatus.SEE_OTHER);
    }
}
