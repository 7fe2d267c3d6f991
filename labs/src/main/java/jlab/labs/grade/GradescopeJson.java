package jlab.labs.grade;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A result as Gradescope's autograder {@code results.json}, and nothing
 * else: at the top {@code score}, {@code execution_time}, {@code output},
 * {@code tests}; in each test {@code name}, {@code number}, {@code score},
 * {@code max_score}, {@code status} ("passed"/"failed"), {@code output}.
 * jlab's result already uses those names; this keeps exactly them.
 */
public final class GradescopeJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private GradescopeJson() {}

    public static String write(SubmittedResult r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("score", r.score());
        root.put("execution_time", r.executionTime());
        root.put("output", r.lab() + " (version " + r.labVersion() + ", " + r.checker() + "): "
                + Gradebook.number(r.score()) + "/" + r.maxScore());
        ArrayNode tests = root.putArray("tests");
        for (SubmittedResult.Check c : r.checks()) {
            ObjectNode t = tests.addObject();
            t.put("name", c.name());
            t.put("number", c.number());
            t.put("score", c.score());
            t.put("max_score", c.maxScore());
            t.put("status", c.status());
            t.put("output", c.output());
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
