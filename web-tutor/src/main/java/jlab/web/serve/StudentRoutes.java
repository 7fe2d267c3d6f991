package jlab.web.serve;

import java.util.Map;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jlab.web.db.Labs;
import jlab.web.db.Role;
import jlab.web.db.Submissions;

/** {@code /me}: a student's own submissions and scores — nobody else's (the query takes the logged-in name only). */
final class StudentRoutes {
    private final Submissions submissions;
    private final Labs labs;

    StudentRoutes(Submissions submissions, Labs labs) {
        this.submissions = submissions;
        this.labs = labs;
    }

    void add(JavalinConfig cfg) {
        cfg.routes.get("/me", this::mine);
    }

    private void mine(Context ctx) {
        Auth.User me = Auth.require(ctx, Role.STUDENT);
        var deadlines = labs.deadlines();
        Map<String, Object> m = Pages.model(ctx);
        m.put("submissions", submissions.of(me.name()).stream().map(s -> Map.of(
                "id", s.id(), "lab", s.lab(), "submittedAt", s.submittedAt().toString(), "receivedAt", s.receivedAt().toString(),
                "score", jlab.labs.grade.Gradebook.number(s.score()), "max", s.maxScore(), "passed", s.passed(),
                "late", deadlines.containsKey(s.lab()) && s.receivedAt().isAfter(deadlines.get(s.lab())))).toList());
        ctx.render("serve/me.ftlh", m);
    }
}
