package jlab.labs.grade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * gradebook.json, {@code jlab.gradebook/v1}: the entries (each check's
 * result and points), the statistics per lab and the problems. No time of
 * its own in it: the same folder gives the same bytes.
 */
public final class GradebookJson {
    public static final String SCHEMA = "jlab.gradebook/v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradebookJson() {}

    public static String write(Gradebook book) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("hmac_verified", book.verified());
        if (book.deadline() == null) root.putNull("deadline");
        else root.put("deadline", book.deadline().toString());
        ArrayNode entries = root.putArray("entries");
        for (GradeEntry e : book.entries()) {
            ObjectNode o = entries.addObject();
            o.put("student", e.student());
            o.put("lab", e.lab());
            o.put("lab_version", e.result().labVersion());
            o.put("score", e.result().score());
            o.put("max_score", e.result().maxScore());
            o.put("passed", e.result().passed());
            o.put("submitted_at", e.submittedAt().toString());
            if (e.lateBy() == null) o.putNull("late_by");
            else o.put("late_by", Gradebook.duration(e.lateBy()));
            o.put("late_seconds", e.lateBy() == null ? 0 : e.lateBy().getSeconds());
            o.put("file", e.file());
            ObjectNode checks = o.putObject("checks");
            for (SubmittedResult.Check c : e.result().checks()) {
                ObjectNode k = checks.putObject(c.id());
                k.put("result", c.result());
                k.put("score", c.score());
                k.put("max_score", c.maxScore());
            }
        }
        ArrayNode labs = root.putArray("labs");
        for (LabStatistics s : book.statistics()) {
            ObjectNode o = labs.addObject();
            o.put("lab", s.lab());
            o.put("students", s.students());
            o.put("mean_score", Double.parseDouble(Gradebook.number(s.meanScore())));
            o.put("max_score", s.maxScore());
            o.put("all_passed", s.allPassed());
            ArrayNode failing = o.putArray("failing");
            for (LabStatistics.FailingCheck f : s.failing()) {
                failing.addObject().put("check", f.id()).put("name", f.name()).put("not_passed", f.notPassed());
            }
        }
        ArrayNode problems = root.putArray("problems");
        for (GradeProblem p : book.problems()) problems.addObject().put("file", p.file()).put("kind", p.kind().word()).put("reason", p.reason());
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
