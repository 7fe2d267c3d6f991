package jlab.web.serve;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jlab.labs.grade.Gradebook;
import jlab.labs.grade.GradebookJson;
import jlab.labs.grade.LabStatistics;
import jlab.web.ClientError;
import jlab.web.db.Labs;
import jlab.web.db.Role;
import jlab.web.db.Students;
import jlab.web.db.Submissions;

/**
 * What the staff read: the dashboard ({@code /}: the class's progress over
 * time, drawn by uPlot, and the checks that fail most), the gradebook, and the
 * exports (Moodle and Canvas CSV, jlab.gradebook/v1 JSON).
 */
final class GradebookRoutes {
    private final Students students;
    private final Submissions submissions;
    private final Labs labs;

    GradebookRoutes(Students students, Submissions submissions, Labs labs) {
        this.students = students;
        this.submissions = submissions;
        this.labs = labs;
    }

    void add(JavalinConfig cfg) {
        cfg.routes.get("/", this::dashboard);
        cfg.routes.get("/dashboard/progress.json", this::progress);
        cfg.routes.get("/gradebook", this::gradebook);
        cfg.routes.get("/exports/moodle.csv", ctx -> csv(ctx, "moodle.csv", LmsCsv.moodle(book(ctx), score(ctx))));
        cfg.routes.get("/exports/canvas.csv", ctx -> csv(ctx, "canvas.csv", LmsCsv.canvas(book(ctx), score(ctx))));
        cfg.routes.get("/exports/gradebook.json", ctx -> {
            String json = GradebookJson.write(book(ctx).latest());
            ctx.header("Content-Disposition", "attachment; filename=\"gradebook.json\"");
            ctx.contentType("application/json").result(json);
        });
    }

    private ClassGradebook book(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR, Role.ASSISTANT);
        return ClassGradebook.load(students, submissions, labs);
    }

    private void dashboard(Context ctx) {
        if (Auth.user(ctx).role() == Role.STUDENT) {
            ctx.redirect("/me");
            return;
        }
        ClassGradebook book = book(ctx);
        Map<String, Object> m = Pages.model(ctx);
        List<Map<String, Object>> stats = new ArrayList<>();
        for (LabStatistics s : book.latest().statistics()) {
            Map<String, Object> row = new HashMap<>();
            row.put("lab", s.lab());
            row.put("students", s.students());
            row.put("mean", Gradebook.number(s.meanScore()));
            row.put("max", s.maxScore());
            row.put("allPassed", s.allPassed());
            row.put("failing", s.failing().stream().limit(5).toList());
            stats.add(row);
        }
        m.put("stats", stats);
        m.put("roster", book.students().size());
        ctx.render("serve/dashboard.ftlh", m);
    }

    /**
     * The chart's data, in uPlot's shape: {@code x} the times (epoch seconds) at which some student first
     * passed a lab, and per lab how many students had passed it by then.
     */
    private void progress(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR, Role.ASSISTANT);
        List<Submissions.Stored> all = submissions.all(false);
        TreeSet<String> labIds = new TreeSet<>();
        all.forEach(s -> labIds.add(s.lab()));
        List<String> labList = List.copyOf(labIds);
        Set<String> passed = new HashSet<>();
        Map<String, Integer> count = new LinkedHashMap<>();
        labList.forEach(l -> count.put(l, 0));
        List<Long> x = new ArrayList<>();
        List<List<Integer>> series = new ArrayList<>();
        labList.forEach(l -> series.add(new ArrayList<>()));
        for (Submissions.Stored s : all) {
            if (!s.passed() || !passed.add(s.student() + "\0" + s.lab())) continue;
            count.merge(s.lab(), 1, Integer::sum);
            x.add(s.receivedAt().getEpochSecond());
            for (int i = 0; i < labList.size(); i++) series.get(i).add(count.get(labList.get(i)));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("labs", labList);
        out.put("students", students.all().size());
        out.put("x", x);
        out.put("series", series);
        out.put("now", Instant.now().getEpochSecond());
        ctx.json(out);
    }

    private void gradebook(Context ctx) {
        ClassGradebook book = book(ctx);
        Map<String, Object> m = Pages.model(ctx);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Students.Student s : book.students()) {
            List<Object> cells = new ArrayList<>();
            for (String lab : book.labs()) cells.add(book.cell(s.student(), lab).map(c -> (Object) c).orElse(""));
            rows.add(Map.of("student", s, "cells", cells));
        }
        m.put("labs", book.labs());
        m.put("rows", rows);
        ctx.render("serve/gradebook.ftlh", m);
    }

    private static LmsCsv.Score score(Context ctx) {
        String s = ctx.queryParam("score");
        if (s == null || s.equals("latest")) return LmsCsv.Score.LATEST;
        if (s.equals("best")) return LmsCsv.Score.BEST;
        throw ClientError.badRequest("score=" + s + ": say score=latest (the default) or score=best");
    }

    private static void csv(Context ctx, String name, String body) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType("text/csv; charset=utf-8").result(body);
    }
}
