package jlab.labs.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import jlab.labs.check.Status;

/** The submission envelope: its canonical signed form, its HMAC, and that no edited byte goes unnoticed. */
class SubmissionEnvelopeTest {
    private static final Instant SENT = Instant.parse("2026-12-02T11:00:00Z");
    private final String result = Results.json("uts-namespace", Status.PASS, Status.FAIL);
    private final byte[] sealed = SubmissionEnvelope.seal("alice", result, SENT, "alice-secret");

    @Test
    void hmac_sha256_is_rfc_4231s() {
        assertThat(Hmac.sha256Hex("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void opens_with_the_students_token_and_carries_the_result() {
        Submission s = SubmissionEnvelope.open(sealed, "alice-secret");
        assertThat(s.student()).isEqualTo("alice");
        assertThat(s.lab()).isEqualTo("uts-namespace");
        assertThat(s.submittedAt()).isEqualTo(SENT);
        assertThat(s.verified()).isTrue();
        assertThat(s.result().score()).isEqualTo(1.0);
        assertThat(SubmissionEnvelope.open(sealed, null).verified()).isFalse();
    }

    @Test
    void the_hmac_covers_the_canonical_bytes_before_it_as_documented() throws Exception {
        String text = new String(sealed, StandardCharsets.UTF_8);
        assertThat(text).startsWith("{\"lab\":\"uts-namespace\",\"result\":{\"checker\":").endsWith("\"}\n").doesNotContain("\n{").contains("\"submitted_at\":\"2026-12-02T11:00:00Z\",\"hmac\":\"");
        int cut = text.lastIndexOf(",\"hmac\":\"");
        String signed = text.substring(0, cut) + "}";
        String hmac = text.substring(cut + 9, cut + 9 + 64);
        // The recipe of labs/README.md, with the JDK alone:
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("alice-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(java.util.HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)))).isEqualTo(hmac);
        // ... and the signed part is the canonical form of the envelope without its hmac: sealing is deterministic.
        JsonNode parsed = ResultReader.STRICT.readTree(signed);
        assertThat(Canonical.bytes(parsed)).isEqualTo(signed.getBytes(StandardCharsets.UTF_8));
        assertThat(SubmissionEnvelope.seal("alice", result, SENT, "alice-secret")).isEqualTo(sealed);
    }

    @Test
    void another_token_is_tampered() {
        Refusal r = catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(sealed, "bob-secret"));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.TAMPERED);
        assertThat(r.reason()).startsWith("the HMAC does not match the student's token");
    }

    @Test
    void an_edited_byte_anywhere_is_detected() {
        for (int i = 0; i < sealed.length; i++) {
            byte[] edited = sealed.clone();
            edited[i] = (byte) (edited[i] == '0' ? '1' : edited[i] ^ 0x01);
            final int at = i;
            Refusal r = catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(edited, "alice-secret"));
            assertThat(r).as("byte %d ('%c') edited", at, (char) sealed[at]).isNotNull();
        }
        // The score raised by hand, the simplest cheat, says tampered.
        String text = new String(sealed, StandardCharsets.UTF_8);
        byte[] cheat = text.replaceFirst("\"score\":1.0", "\"score\":3.0").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(cheat, "alice-secret")).kind())
                .isEqualTo(Refusal.Kind.TAMPERED);
        // Pretty-printed by a tool: the values are the same, but not the bytes signed.
        byte[] pretty = text.replace(",\"", ", \"").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(pretty, "alice-secret")).kind())
                .isEqualTo(Refusal.Kind.TAMPERED);
    }

    @Test
    void a_cut_envelope_is_truncated_and_a_mismatched_lab_is_refused() {
        byte[] cut = Arrays.copyOf(sealed, sealed.length - 20);
        assertThat(catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(cut, null)).kind())
                .isEqualTo(Refusal.Kind.TRUNCATED);
        String text = new String(sealed, StandardCharsets.UTF_8).replaceFirst("\"lab\":\"uts-namespace\"", "\"lab\":\"cgroup-cpu\"");
        Refusal r = catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(text.getBytes(StandardCharsets.UTF_8), null));
        assertThat(r.kind()).isEqualTo(Refusal.Kind.WRONG_LAB);
        assertThat(r.reason()).isEqualTo("result: a result for lab 'uts-namespace', not for 'cgroup-cpu'");
        byte[] v2 = new String(sealed, StandardCharsets.UTF_8).replace("jlab.submission/v1", "jlab.submission/v2").getBytes(StandardCharsets.UTF_8);
        assertThat(catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(v2, null)).reason())
                .isEqualTo("schema \"jlab.submission/v2\": this jlab reads \"jlab.submission/v1\"");
        assertThat(catchThrowableOfType(Refusal.class, () -> SubmissionEnvelope.open(result.getBytes(StandardCharsets.UTF_8), null)).reason())
                .isEqualTo("a lab check result, not a submission: the student makes one with jlab lab submit ID --out FILE --token T (it signs the result)");
    }
}
