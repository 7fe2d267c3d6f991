package jlab.web.serve;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import jlab.labs.grade.SubmissionEnvelope;
import jlab.web.ClientError;
import jlab.web.db.Role;
import jlab.web.db.Students;
import jlab.web.security.Session;
import jlab.web.security.Sessions;
import jlab.web.security.Tokens;

/**
 * The roster: the list ({@code /roster}), the CSV upload, tokens rotated one
 * student at a time, and the tokens just issued as CSV or printable cards.
 *
 * <p>A token is shown once. The database keeps only its digest, so the tokens
 * of an import or a rotation live in the instructor's session (server memory,
 * never the database, never a log) until the next ones replace them or the
 * session ends: download or print them then. A lost card is a rotation.
 */
final class RosterRoutes {
    private static final String ISSUED = "issued";
    private final Students students;
    private final RosterImport importer;
    private final Clock clock;

    RosterRoutes(Students students, Clock clock) {
        this.students = students;
        this.importer = new RosterImport(students, clock);
        this.clock = clock;
    }

    void add(JavalinConfig cfg) {
        cfg.routes.get("/roster", this::list);
        cfg.routes.post("/roster/import", this::upload);
        cfg.routes.post("/roster/{student}/rotate", this::rotate);
        cfg.routes.get("/roster/issued.csv", this::issuedCsv);
        cfg.routes.get("/roster/issued/cards", this::cards);
    }

    private void list(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR, Role.ASSISTANT);
        Map<String, Object> m = Pages.model(ctx);
        m.put("students", students.all());
        m.put("instructor", Auth.user(ctx).role() == Role.INSTRUCTOR);
        ctx.render("serve/roster.ftlh", m);
    }

    private void upload(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR);
        UploadedFile file = ctx.uploadedFile("roster");
        if (file == null) throw ClientError.badRequest("no file: choose the roster's CSV file (field 'roster') and import it");
        byte[] bytes = file.contentAndClose(in -> {
            try {
                return in.readAllBytes();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        RosterImport.Outcome outcome;
        try {
            outcome = importer.run(bytes);
        } catch (RosterCsv.FileError e) {
            throw ClientError.badRequest(file.filename() + ": " + e.getMessage() + "; nothing was imported");
        }
        remember(ctx, outcome.issued());
        Map<String, Object> m = Pages.model(ctx);
        m.put("summary", outcome.summary());
        m.put("problems", outcome.problems().stream().map(Object::toString).toList());
        m.put("issued", outcome.issued());
        ctx.render("serve/issued.ftlh", m);
    }

    private void rotate(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR);
        String student = ctx.pathParam("student");
        if (!SubmissionEnvelope.STUDENT.matcher(student).matches()) throw ClientError.badRequest("'" + student + "' is not a student name");
        String token = Tokens.random();
        if (!students.rotate(student, token, clock.instant())) throw ClientError.notFound("no student '" + student + "' in the roster");
        Map<String, String> issued = Map.of(student, token);
        remember(ctx, issued);
        Map<String, Object> m = Pages.model(ctx);
        m.put("summary", student + " has a new token: the old one no longer works");
        m.put("problems", List.of());
        m.put("issued", issued);
        ctx.render("serve/issued.ftlh", m);
    }

    private void issuedCsv(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR);
        ctx.header("Content-Disposition", "attachment; filename=\"tokens.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(RosterImport.tokensCsv(issued(ctx)));
    }

    private void cards(Context ctx) {
        Auth.require(ctx, Role.INSTRUCTOR);
        Map<String, Object> m = Pages.model(ctx);
        Map<String, Students.Student> byName = new LinkedHashMap<>();
        students.all().forEach(s -> byName.put(s.student(), s));
        m.put("cards", issued(ctx).entrySet().stream().map(e -> Map.of("student", e.getKey(), "token", e.getValue(),
                "name", byName.containsKey(e.getKey()) ? byName.get(e.getKey()).name() : e.getKey())).toList());
        m.put("server", ctx.scheme() + "://" + ctx.host());
        ctx.render("serve/cards.ftlh", m);
    }

    /** The tokens just issued, kept in the session (as student,token lines) for the CSV and the cards. */
    private static void remember(Context ctx, Map<String, String> issued) {
        Session s = Sessions.current(ctx).orElseThrow();
        if (issued.isEmpty()) return; // an import of known students only: the previous batch is still downloadable
        s.put(ISSUED, RosterImport.tokensCsv(issued));
    }

    private static Map<String, String> issued(Context ctx) {
        String csv = Sessions.current(ctx).flatMap(s -> s.get(ISSUED)).orElseThrow(() -> ClientError.notFound(
                "no tokens issued in this session: tokens are shown once, after an import or a rotation (rotate a token to show a new one)"));
        Map<String, String> out = new LinkedHashMap<>();
        csv.lines().skip(1).forEach(l -> out.put(l.substring(0, l.indexOf(',')), l.substring(l.indexOf(',') + 1)));
        return out;
    }
}
