package jlab.labs.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.kernel.KernelException;
import jlab.kernel.proc.ProcFs;
import jlab.labs.check.CheckContext;
import jlab.labs.check.Status;
import jlab.labs.host.HostView;
import jlab.labs.model.CheckSpec;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;
import jlab.labs.model.Text;

/** The runner's rules: skipped names what failed first; a broken checker is an error that costs nothing. */
class LabRunnerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T10:00:00Z"), ZoneOffset.UTC);
    private static final LabResult.HostFacts HOST = new LabResult.HostFacts("pc", "6.1", "v2");

    private static CheckSpec spec(String id, int points, String kind, Map<String, String> with, List<String> requires) {
        return new CheckSpec(id, Text.both(id), points, kind, with, requires, Text.both("hint of " + id), 1);
    }

    /** A host whose cgroup layout cannot be read: every cgroup check breaks. */
    private static CheckContext noCgroups() {
        return new CheckContext(new HostView(new ProcFs(Path.of("/nonexistent")),
                () -> { throw KernelException.of("detect cgroups", "/proc/self/mountinfo", "no cgroup filesystem is mounted"); },
                null, 1), Map.of());
    }

    private static Lab lab(List<CheckSpec> checks) {
        return new Lab("demo", 2, Text.both("Demo"), Text.both("A demo"), List.of(), List.of(), List.of(), checks, List.of(),
                Path.of("demo"));
    }

    @Test
    void a_check_that_breaks_is_an_error_left_out_of_the_max_and_its_dependents_are_skipped() {
        Lab lab = lab(List.of(
                spec("limit", 3, "cgroup-limit", Map.of("cgroup", "jlab-mem", "memory-bytes", "1"), List.of()),
                spec("process", 2, "cgroup-process", Map.of("cgroup", "jlab-mem"), List.of("limit"))));
        LabResult r = new LabRunner(CLOCK).run(lab, noCgroups(), HOST);

        assertThat(r.checks()).extracting(CheckResult::status).containsExactly(Status.ERROR, Status.SKIPPED);
        assertThat(r.checks().get(0).message().in(Lang.EN)).startsWith("The checker broke (this costs you no points)")
                .contains("no cgroup filesystem is mounted");
        assertThat(r.checks().get(1).message().in(Lang.EN)).isEqualTo("Not checked: 'limit' must pass first.");
        assertThat(r.maxScore()).as("the errored check's 3 points are not at stake").isEqualTo(2);
        assertThat(r.score()).isZero();
        assertThat(r.allPassed()).isFalse();
    }

    @Test
    void a_program_the_host_lacks_is_an_error_that_names_it_and_its_package() {
        Lab lab = lab(List.of(spec("reach", 3, "ping", Map.of("to", "10.200.0.2"), List.of())));
        CheckContext noPing = new CheckContext(HostView.real(), Map.of(), program -> null);
        LabResult r = new LabRunner(CLOCK).run(lab, noPing, HOST);

        CheckResult reach = r.checks().get(0);
        assertThat(reach.status()).isEqualTo(Status.ERROR);
        assertThat(reach.message().in(Lang.EN)).startsWith("The checker broke (this costs you no points): ")
                .contains("ping is not installed (looked in /usr/sbin, /sbin, /usr/bin, /bin, /usr/local/sbin): apt-get install iputils-ping");
        assertThat(r.maxScore()).as("a check the host cannot run costs nothing").isZero();
    }

    @Test
    void the_json_result_carries_gradescope_names_and_jlabs_own() throws Exception {
        Lab lab = lab(List.of(spec("limit", 3, "cgroup-limit", Map.of("cgroup", "jlab-mem", "memory-bytes", "1"), List.of())));
        LabResult r = new LabRunner(CLOCK).run(lab, noCgroups(), HOST);
        JsonNode json = new ObjectMapper().readTree(ResultJson.write(r, Lang.FR));

        assertThat(json.get("schema").asText()).isEqualTo("jlab.result/v1");
        assertThat(json.get("lab").asText()).isEqualTo("demo");
        assertThat(json.get("lab_version").asInt()).isEqualTo(2);
        assertThat(json.get("host").get("cgroup").asText()).isEqualTo("v2");
        assertThat(json.get("started_at").asText()).isEqualTo("2026-12-02T10:00:00Z");
        assertThat(json.get("score").asDouble()).isZero();
        assertThat(json.get("max_score").asInt()).isZero();
        JsonNode test = json.get("tests").get(0);
        assertThat(test.get("id").asText()).isEqualTo("limit");
        assertThat(test.get("status").asText()).isEqualTo("failed");
        assertThat(test.get("result").asText()).isEqualTo("error");
        assertThat(test.get("max_score").asInt()).isZero();
        assertThat(test.get("output").asText()).startsWith("Le vérificateur a échoué");
        assertThat(test.get("message").get("en").asText()).startsWith("The checker broke");
    }
}
