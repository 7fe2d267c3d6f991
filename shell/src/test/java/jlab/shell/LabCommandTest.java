package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code jlab lab ...} as a student and an instructor type it: a lab solved
 * with jlab itself (a container with --hostname) passes exactly as one made
 * with unshare does; the exit code says whether every check passed; bad
 * input gets one line.
 */
class LabCommandTest extends RealJlabTest {
    @TempDir Path dir;

    @Test
    void a_jlab_container_with_hostname_jlab_uts_passes_the_uts_lab() throws IOException {
        assertThat(jlab.run("lab", "start", "uts-namespace").exitCode()).isZero();
        JlabProcess.Result before = jlab.run("lab", "check", "--lang", "en", "uts-namespace");
        assertThat(before.exitCode()).as("not every check passes: exit 1").isEqualTo(1);
        assertThat(before.out()).contains("✗ fail").contains("Not yet  uts-namespace  1/5");

        assertThat(jlab.run("run", "-d", "--name", "uts", "--hostname", "jlab-uts", "busybox", "sleep", "300").exitCode()).isZero();
        try {
            JlabProcess.Result after = jlab.run("lab", "check", "--json", "uts-namespace");
            assertThat(after.exitCode()).as(after.err()).isZero();
            JsonNode json = new ObjectMapper().readTree(after.out());
            assertThat(json.get("schema").asText()).isEqualTo("jlab.result/v1");
            assertThat(json.get("score").asDouble()).isEqualTo(5);
            assertThat(json.get("tests").get(0).get("result").asText()).isEqualTo("pass");

            JlabProcess.Result fr = jlab.run("lab", "check", "--lang", "fr", "uts-namespace");
            assertThat(fr.out()).contains("a son propre espace de noms UTS").contains("Réussi  uts-namespace  5/5");
        } finally {
            jlab.run("rm", "-f", "uts");
        }
        assertThat(jlab.run("lab", "reset", "uts-namespace").exitCode()).isZero();
    }

    @Test
    void an_unknown_lab_is_one_line_with_the_closest_id_and_exit_125() {
        JlabProcess.Result r = jlab.run("lab", "check", "cgroup-memroy");
        assertThat(r.exitCode()).isEqualTo(125);
        assertThat(r.err().strip()).isEqualTo("jlab: no lab 'cgroup-memroy' (did you mean 'cgroup-memory'?): see 'jlab lab list'");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void list_and_show_in_both_languages() {
        JlabProcess.Result list = jlab.run("lab", "list", "--lang", "fr");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("uts-namespace").contains("Limiter la mémoire")
                .contains("ipc-namespace").contains("cgroup-namespace").contains("Son cgroup comme racine");
        JlabProcess.Result show = jlab.run("lab", "show", "--lang", "en", "cgroup-pids");
        assertThat(show.out()).contains("Limit the number of processes").contains("echo 20 > /sys/fs/cgroup/jlab-pids/pids.max")
                .contains("Then: jlab lab check cgroup-pids");
    }

    @Test
    void validate_reports_every_mistake_with_file_and_line_and_exits_1() throws IOException {
        Path lab = Files.createDirectories(dir.resolve("my-lab"));
        Files.writeString(lab.resolve("lab.yaml"), """
                id: my-lab
                version: 1
                title: {fr: Le mien, en: Mine}
                summary: {fr: x, en: x}
                checks:
                  - id: a
                    title: {fr: A, en: A}
                    points: 1
                    kind: cgroup-limt
                    hint: {fr: h, en: h}
                """);
        JlabProcess.Result r = jlab.run("lab", "validate", lab.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(lab.resolve("lab.yaml") + ":9: unknown kind 'cgroup-limt' (did you mean 'cgroup-limit'?)")
                .contains(lab.resolve("instructions.fr.adoc") + ": missing")
                .contains(": 3 problems");
    }
}
