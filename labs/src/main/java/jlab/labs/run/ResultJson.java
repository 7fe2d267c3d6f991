package jlab.labs.run;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jlab.labs.check.Evidence;
import jlab.labs.check.Status;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;

/**
 * A {@link LabResult} as {@code jlab.result/v1} JSON (documented in the labs
 * module's README). The top level and each entry of {@code tests} use
 * Gradescope's results.json names — {@code score}, {@code max_score},
 * {@code name}, {@code status} ("passed"/"failed"), {@code output},
 * {@code execution_time} — so a result can be given to Gradescope as it is;
 * jlab's own fields sit beside them ({@code result} is one of pass, partial,
 * fail, error, skipped).
 */
public final class ResultJson {
    public static final String SCHEMA = "jlab.result/v1";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ResultJson() {}

    public static ObjectNode toJson(LabResult r, Lang lang) {
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("lab", r.labId());
        root.put("lab_version", r.labVersion());
        root.put("checker", r.checkerVersion());
        ObjectNode host = root.putObject("host");
        host.put("hostname", r.host().hostname());
        host.put("kernel", r.host().kernel());
        host.put("cgroup", r.host().cgroup());
        root.put("started_at", r.startedAt().toString());
        root.put("finished_at", r.finishedAt().toString());
        root.put("execution_time", Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0);
        root.put("score", r.score());
        root.put("max_score", r.maxScore());
        root.put("passed", r.allPassed());
        ArrayNode tests = root.putArray("tests");
        int number = 1;
        for (CheckResult c : r.checks()) {
            ObjectNode t = tests.addObject();
            t.put("id", c.id());
            t.put("number", String.valueOf(number++));
            t.put("name", c.title().in(lang));
            t.put("score", c.score());
            t.put("max_score", c.status() == Status.ERROR ? 0 : c.maxScore());
            t.put("status", c.status() == Status.PASS ? "passed" : "failed");
            t.put("result", c.status().word());
            t.put("output", output(c, lang));
            t.set("message", text(c.message()));
            ArrayNode evidence = t.putArray("evidence");
            for (Evidence e : c.evidence()) {
                ObjectNode o = evidence.addObject();
                o.put("where", e.where());
                o.put("observed", e.observed());
                if (e.expected() != null) o.put("expected", e.expected());
            }
            ArrayNode hints = t.putArray("hints");
            c.hints().forEach(h -> hints.add(text(h)));
        }
        return root;
    }

    public static String write(LabResult r, Lang lang) {
        try {
            return JSON.writeValueAsString(toJson(r, lang));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gradescope shows {@code output} as it is: the message, then the hints. */
    private static String output(CheckResult c, Lang lang) {
        StringBuilder b = new StringBuilder(c.message().in(lang));
        for (Text h : c.hints()) b.append("\n").append(lang == Lang.FR ? "Piste : " : "Hint: ").append(h.in(lang));
        return b.toString();
    }

    private static ObjectNode text(Text t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("fr", t.fr());
        o.put("en", t.en());
        return o;
    }
}
