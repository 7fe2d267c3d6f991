package jlab.labs.grade;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code jlab.submission/v1}: a result wrapped with who sent it and when,
 * sealed with an HMAC-SHA256 keyed with the student's token.
 *
 * <p>The bytes, as {@code lab submit} writes them (and POSTs them):
 * <pre>
 *   {"lab":"...","result":{...},"schema":"jlab.submission/v1","student":"...","submitted_at":"..."<b>,"hmac":"64 hex"}</b>\n
 * </pre>
 * Everything before {@code ,"hmac":} is the canonical form ({@link Canonical}:
 * keys sorted, no whitespace, UTF-8) of the envelope without its hmac, and
 * that is exactly what the HMAC covers. So a verifier needs no JSON
 * re-serialisation to check it — it cuts the file at {@code ,"hmac":"},
 * puts back the closing brace and computes HMAC-SHA256(token, those bytes) —
 * and a change to any byte of the file is found: in the signed part the
 * HMAC differs, in the tail the form does not match.
 *
 * <p>It proves the file was made by someone holding the token and not changed
 * since. It does not prove the result is true: root on the student's host can
 * run a patched jlab, or sign a result by hand. The instructor's own
 * {@code lab check} on the host is the authoritative grade.
 */
public final class SubmissionEnvelope {
    public static final String SCHEMA = "jlab.submission/v1";
    /** A student's name: a letter or digit, then letters, digits, '.', '_', '-', '@' (safe in a CSV cell and a file name). */
    public static final Pattern STUDENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final byte[] TAIL_START = ",\"hmac\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private SubmissionEnvelope() {}

    /** The envelope's bytes for a result (its {@code jlab.result/v1} JSON), ending with a newline. */
    public static byte[] seal(String student, String resultJson, Instant submittedAt, String token) {
        if (!STUDENT.matcher(student).matches()) throw new IllegalArgumentException("not a student name: " + student);
        if (token.isEmpty()) throw new IllegalArgumentException("an empty token signs nothing");
        JsonNode result = ResultReader.parse(resultJson.getBytes(StandardCharsets.UTF_8), "result");
        SubmittedResult read = ResultReader.read(result, null);
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("schema", SCHEMA);
        envelope.put("student", student);
        envelope.put("lab", read.lab());
        envelope.put("submitted_at", submittedAt.toString());
        envelope.set("result", result);
        byte[] signed = Canonical.bytes(envelope);
        String tail = ",\"hmac\":\"" + Hmac.sha256Hex(token, signed) + "\"}\n";
        byte[] out = Arrays.copyOf(signed, signed.length - 1 + tail.length());
        System.arraycopy(tail.getBytes(StandardCharsets.US_ASCII), 0, out, signed.length - 1, tail.length());
        return out;
    }

    /**
     * Opens an envelope and reads its result; with a token (not null) also
     * verifies its HMAC. Refuses (a {@link Refusal}) whatever is not a whole,
     * well-formed, untouched {@code jlab.submission/v1}.
     */
    public static Submission open(byte[] bytes, String token) {
        Opened o = read(bytes);
        if (token != null) verify(bytes, o.hmac(), token);
        return o.submission(token != null);
    }

    /**
     * Opens an envelope and verifies it with its student's token from the
     * roster: a student the roster does not know is refused (UNKNOWN_STUDENT).
     */
    public static Submission openSigned(byte[] bytes, Roster roster) {
        Opened o = read(bytes);
        String token = roster.token(o.student()).orElseThrow(() -> new Refusal(Refusal.Kind.UNKNOWN_STUDENT,
                "student '" + o.student() + "' is not in the roster: not graded"));
        verify(bytes, o.hmac(), token);
        return o.submission(true);
    }

    private record Opened(String student, String lab, Instant at, SubmittedResult result, String hmac) {
        Submission submission(boolean verified) { return new Submission(student, lab, at, result, verified); }
    }

    private static Opened read(byte[] bytes) {
        JsonNode root = ResultReader.parse(bytes, "submission");
        if (!root.isObject()) throw new Refusal(Refusal.Kind.MALFORMED, "a submission is a JSON object, this is not one");
        JsonNode schema = root.get("schema");
        if (schema == null || !schema.isTextual()) {
            throw new Refusal(Refusal.Kind.SCHEMA, "no \"schema\": not a jlab submission (jlab lab submit writes \"" + SCHEMA + "\")");
        }
        if (schema.asText().equals(jlab.labs.run.ResultJson.SCHEMA)) {
            throw new Refusal(Refusal.Kind.SCHEMA, "a lab check result, not a submission: the student makes one with"
                    + " jlab lab submit ID --out FILE --token T (it signs the result)");
        }
        if (!schema.asText().equals(SCHEMA)) {
            throw new Refusal(Refusal.Kind.SCHEMA, "schema \"" + schema.asText() + "\": this jlab reads \"" + SCHEMA + "\"");
        }
        Fields f = new Fields(root, "");
        String student = f.text("student");
        if (!STUDENT.matcher(student).matches()) {
            throw new Refusal(Refusal.Kind.MALFORMED, "student: \"" + student + "\" is not a student name (letters, digits, . _ - @)");
        }
        String lab = f.text("lab");
        Instant at = f.instant("submitted_at");
        String hmac = f.text("hmac");
        JsonNode resultNode = root.get("result");
        if (resultNode == null) throw new Refusal(Refusal.Kind.MALFORMED, "result: missing (a jlab.result/v1 object expected)");
        SubmittedResult result;
        try {
            result = ResultReader.read(resultNode, lab);
        } catch (Refusal r) {
            throw new Refusal(r.kind(), "result: " + r.reason());
        }
        return new Opened(student, lab, at, result, hmac);
    }

    /** The file must be signed-part + {@code ,"hmac":"HEX"}} (+ newline), and HEX the HMAC of the signed part. */
    private static void verify(byte[] bytes, String hmac, String token) {
        int end = bytes.length;
        if (end > 0 && bytes[end - 1] == '\n') end--;
        int tail = end - (TAIL_START.length + 64 + 2);
        boolean shaped = tail > 0 && HEX64.matcher(hmac).matches()
                && Arrays.equals(bytes, tail, tail + TAIL_START.length, TAIL_START, 0, TAIL_START.length)
                && bytes[end - 2] == '"' && bytes[end - 1] == '}'
                && new String(bytes, tail + TAIL_START.length, 64, StandardCharsets.US_ASCII).equals(hmac);
        if (!shaped) {
            throw new Refusal(Refusal.Kind.TAMPERED, "not as jlab lab submit wrote it (the \"hmac\" must end the file, "
                    + "after the canonical form): changed by hand or by a tool; ask for the file again");
        }
        byte[] signed = Arrays.copyOf(bytes, tail + 1);
        signed[tail] = '}';
        if (!Hmac.matches(Hmac.sha256Hex(token, signed), hmac)) {
            throw new Refusal(Refusal.Kind.TAMPERED, "the HMAC does not match the student's token "
                    + "(the file was changed after jlab lab submit wrote it, or signed with another token)");
        }
    }
}
