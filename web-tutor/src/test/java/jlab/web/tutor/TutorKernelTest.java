package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.engine.ContainerSpec;
import jlab.engine.Engine;
import jlab.engine.Resources;
import jlab.engine.plan.StepListener;
import jlab.engine.state.StateDir;
import jlab.kernel.syscall.Syscalls;

/** The tutor on the real host: a check that reads the kernel, and the containers of a real engine. */
@Tag("kernel")
class TutorKernelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path stateDir;
    private Tutor tutor;
    private TutorClient student;

    @BeforeEach
    void start() throws Exception {
        Skip.unless(Syscalls.get().geteuid() == 0, "requires root: the checks read other processes' namespaces");
        tutor = Tutor.start(new Tutor.Options(0, null, new StateDir(stateDir)));
        student = new TutorClient(tutor).logIn(tutor);
    }

    @AfterEach
    void stop() {
        if (tutor != null) tutor.close();
    }

    @Test
    void check_runs_the_real_checks_answers_a_result_and_the_attempt_shows_in_history_and_progress() throws Exception {
        String csrf = student.csrf("/labs/uts-namespace");
        HttpResponse<String> started = student.post("/api/labs/uts-namespace/start", csrf);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(JSON.readTree(started.body()).path("action").asText()).isEqualTo("start");

        Process shell = new ProcessBuilder("unshare", "--uts", "sh", "-c", "hostname jlab-uts; exec sleep 60")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            JsonNode result = null;
            // The kernel needs a moment between the shell's start and its hostname call: press Check until it passes.
            for (int i = 0; i < 50; i++) {
                HttpResponse<String> r = student.post("/api/labs/uts-namespace/check?lang=en", csrf);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
                result = JSON.readTree(r.body());
                if (result.path("passed").asBoolean()) break;
                Thread.sleep(100);
            }
            assertThat(result.path("schema").asText()).isEqualTo("jlab.result/v1");
            assertThat(result.path("lab").asText()).isEqualTo("uts-namespace");
            assertThat(result.path("passed").asBoolean()).as(result.toString()).isTrue();
            assertThat(result.path("score").asDouble()).isEqualTo(5.0);
            JsonNode own = result.path("tests").get(0);
            assertThat(own.path("id").asText()).isEqualTo("own-hostname");
            assertThat(own.path("result").asText()).isEqualTo("pass");
            assertThat(own.path("evidence").findValuesAsText("where")).contains("/proc/" + shell.pid() + "/ns/uts");

            JsonNode history = JSON.readTree(student.get("/api/labs/uts-namespace/attempts").body());
            assertThat(history.path("progress").path("best").asDouble()).isEqualTo(5.0);
            assertThat(history.path("progress").path("max").asInt()).isEqualTo(5);
            assertThat(history.path("attempts").get(0).path("statuses").path("own-hostname").asText()).isEqualTo("pass");
            assertThat(Files.readAllLines(stateDir.resolve("web/attempts/uts-namespace.jsonl")))
                    .hasSize(history.path("attempts").size());

            String page = student.get("/labs/uts-namespace?lang=en").body();
            assertThat(page).contains("class=\"progress passed\"", "best 5 / 5", "data-status=\"pass\"", "own-hostname: pass");
            assertThat(student.get("/?lang=en").body()).contains("best 5 / 5");

            HttpResponse<String> reset = student.post("/api/labs/uts-namespace/reset", csrf);
            assertThat(reset.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(reset.body()).path("done").toString()).contains("killed pid " + shell.pid());
            assertThat(shell.waitFor(10, TimeUnit.SECONDS)).as("reset kills the processes named jlab-uts").isTrue();
        } finally {
            shell.destroyForcibly();
            shell.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_containers_api_and_page_list_a_running_container_with_namespaces_limits_and_live_stats() throws Exception {
        String none = student.get("/containers?lang=en").body();
        assertThat(none).contains("No jlab container is running", "./jlab run -d --name web busybox httpd -f -p 80");

        Engine engine = Engine.open(new StateDir(stateDir));
        String name = "tutor-web-" + ProcessHandle.current().pid();
        engine.runDetached(ContainerSpec.builder().name(name).image("busybox").command("sleep", "60").network("none")
                .resources(new Resources(64L << 20, null, 0.5, null, 20L)).build(), StepListener.NONE);
        try {
            JsonNode list = JSON.readTree(student.get("/api/containers").body()).path("containers");
            assertThat(list).hasSize(1);
            JsonNode c = list.get(0);
            assertThat(c.path("name").asText()).isEqualTo(name);
            assertThat(c.path("state").asText()).isEqualTo("running");
            assertThat(c.path("image").asText()).isEqualTo("busybox");
            assertThat(c.path("pid").asLong()).isPositive();
            assertThat(c.path("limits").path("memoryBytes").asLong()).isEqualTo(64L << 20);
            assertThat(c.path("limits").path("pids").asLong()).isEqualTo(20);
            assertThat(c.path("limits").path("cpus").asDouble()).isEqualTo(0.5);
            List<String> own = JSON.convertValue(c.path("namespaces").findValuesAsText("kind"), List.class);
            assertThat(own).contains("mnt", "uts", "pid", "net");
            for (JsonNode n : c.path("namespaces")) {
                if (List.of("mnt", "uts", "ipc", "pid", "net").contains(n.path("kind").asText())) {
                    assertThat(n.path("differs").asBoolean()).as(n.toString()).isTrue();
                    assertThat(n.path("container").asLong()).isNotEqualTo(n.path("host").asLong());
                }
            }

            JsonNode first = JSON.readTree(student.get("/api/containers/" + name + "/stats").body());
            assertThat(first.path("memoryBytes").asLong()).isPositive();
            assertThat(first.path("memoryLimit").asLong()).isEqualTo(64L << 20);
            assertThat(first.path("pids").asLong()).isEqualTo(1);
            assertThat(first.path("cpuPercent").isNull()).as("a rate needs two readings").isTrue();
            JsonNode second = JSON.readTree(student.get("/api/containers/" + name + "/stats").body());
            assertThat(second.path("cpuPercent").isNumber()).isTrue();

            assertThat(student.get("/containers?lang=en").body()).contains("data-name=\"" + name + "\"", "64 MiB", "class=\"differs\"");
            assertThat(student.get("/api/containers/nope/stats").statusCode()).isEqualTo(404);
            assertThat(student.get("/api/containers/..%2Fx/stats").statusCode()).isIn(400, 404);
        } finally {
            EngineCleanup.removeAndCheck(engine, name);
        }
        assertThat(JSON.readTree(student.get("/api/containers").body()).path("containers")).isEmpty();
    }
}
