package jlab.labs.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.labs.run.ResultJson;

/**
 * Reads a {@code jlab.result/v1} back (what {@code lab check --json} prints,
 * and what a submission carries), and refuses with one clear reason: a file
 * cut short, another schema or version, a result for another lab, a field
 * missing or of the wrong type. Nothing half-read is returned.
 */
public final class ResultReader {
    /** Strict: a key written twice is refused (a second "score" must not silently win). */
    static final ObjectMapper STRICT = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> STATUSES = Set.of("passed", "failed");
    private static final Set<String> RESULTS = Set.of("pass", "partial", "fail", "error", "skipped");

    private ResultReader() {}

    /** Reads {@code json}; {@code expectedLab} null accepts any lab. */
    public static SubmittedResult read(String json, String expectedLab) {
        return read(parse(json.getBytes(StandardCharsets.UTF_8), "result"), expectedLab);
    }

    /** Parses JSON bytes: a file cut short is TRUNCATED, anything else that is not JSON is MALFORMED. */
    static JsonNode parse(byte[] bytes, String what) {
        if (bytes.length == 0) throw new Refusal(Refusal.Kind.TRUNCATED, "empty file: no " + what + " in it");
        try {
            return STRICT.readTree(bytes);
        } catch (JsonEOFException e) {
            throw new Refusal(Refusal.Kind.TRUNCATED, "the JSON stops at byte " + bytes.length
                    + " before it closes (a copy or an upload cut short?)");
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new Refusal(Refusal.Kind.MALFORMED, "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()) + ": " + shortly(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Refusal(Refusal.Kind.MALFORMED, "cannot read the JSON: " + e.getMessage());
        }
    }

    /** Jackson's first line, without its list of what it was expecting. */
    private static String shortly(String message) {
        String first = message.lines().findFirst().orElse("");
        int expecting = first.indexOf(": was expecting");
        return expecting < 0 ? first : first.substring(0, expecting);
    }

    /** Reads an already parsed result (the {@code result} of a submission). */
    static SubmittedResult read(JsonNode root, String expectedLab) {
        if (!root.isObject()) throw new Refusal(Refusal.Kind.MALFORMED, "a jlab result is a JSON object, this is not one");
        Fields f = new Fields(root, "");
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new Refusal(Refusal.Kind.SCHEMA, "no \"schema\": not a jlab result (jlab lab check --json writes \""
                    + ResultJson.SCHEMA + "\")");
        }
        if (!schema.asText().equals(ResultJson.SCHEMA)) {
            throw new Refusal(Refusal.Kind.SCHEMA, "schema \"" + schema.asText() + "\": this jlab reads \"" + ResultJson.SCHEMA
                    + "\" (grade it with the jlab that made it, or re-check on the host)");
        }
        String lab = f.text("lab");
        if (expectedLab != null && !lab.equals(expectedLab)) {
            throw new Refusal(Refusal.Kind.WRONG_LAB, "a result for lab '" + lab + "', not for '" + expectedLab + "'");
        }
        List<SubmittedResult.Check> checks = new ArrayList<>();
        JsonNode tests = f.array("tests");
        for (int i = 0; i < tests.size(); i++) checks.add(check(f.element("tests", tests, i)));
        Fields host = f.object("host");
        host.text("hostname");
        host.text("kernel");
        host.text("cgroup");
        return new SubmittedResult(lab, f.integer("lab_version"), f.text("checker"), f.instant("started_at"),
                f.instant("finished_at"), f.number("execution_time"), f.number("score"), f.integer("max_score"),
                f.bool("passed"), checks);
    }

    private static SubmittedResult.Check check(Fields t) {
        Fields message = t.object("message");
        message.text("fr");
        message.text("en");
        List<String> hints = new ArrayList<>();
        JsonNode array = t.array("hints");
        for (int i = 0; i < array.size(); i++) {
            Fields h = t.element("hints", array, i);
            hints.add(h.text("en"));
            h.text("fr");
        }
        JsonNode evidence = t.array("evidence");
        for (int i = 0; i < evidence.size(); i++) {
            Fields e = t.element("evidence", evidence, i);
            e.text("where");
            e.text("observed");
        }
        return new SubmittedResult.Check(t.text("id"), t.text("number"), t.text("name"), t.number("score"),
                t.integer("max_score"), t.word("status", STATUSES), t.word("result", RESULTS), t.text("output"),
                message.text("en"), hints);
    }
}
