package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jlab.kernel.cgroup.CgroupDriver;

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
    void hint_shows_only_what_does_not_pass_with_its_hints_and_exits_0_once_all_pass() {
        assertThat(jlab.run("lab", "start", "uts-namespace").exitCode()).isZero();
        try {
            JlabProcess.Result notYet = jlab.run("lab", "hint", "--lang", "en", "uts-namespace");
            assertThat(notYet.exitCode()).as("a check does not pass: exit 1, as lab check").isEqualTo(1);
            assertThat(notYet.out()).contains("✗ fail    A process has its own UTS namespace, named jlab-uts")
                    .contains("Hint: `unshare --uts sh` opens a shell in a new UTS namespace")
                    .contains("Not yet  uts-namespace  1/5")
                    .as("the check that passes, and the evidence, are lab check's: not shown")
                    .doesNotContain("The machine's hostname is unchanged").doesNotContain("(expected: ");
            JlabProcess.Result fr = jlab.run("lab", "hint", "--lang", "fr", "uts-namespace");
            assertThat(fr.out()).contains("Piste : `unshare --uts sh` ouvre un shell").contains("Pas encore  uts-namespace  1/5");

            assertThat(jlab.run("run", "-d", "--name", "hinted", "--hostname", "jlab-uts", "busybox", "sleep", "300").exitCode()).isZero();
            JlabProcess.Result done = jlab.run("lab", "hint", "--lang", "en", "uts-namespace");
            assertThat(done.exitCode()).isZero();
            assertThat(done.lines()).as("nothing left to hint at").containsExactly("Passed  uts-namespace  5/5  (" + cgroupWord() + ", 2 checks)");
        } finally {
            jlab.run("rm", "-f", "hinted");
            assertThat(jlab.run("lab", "reset", "uts-namespace").exitCode()).isZero();
        }
    }

    /** "v1" or "v2", as a result names this host's cgroup layout. */
    private static String cgroupWord() {
        return CgroupDriver.detect().version();
    }

    @Test
    void an_instructors_labs_folder_is_listed_beside_the_built_in_labs_and_a_broken_lab_is_one_line() throws IOException {
        Path labs = Files.createDirectories(dir.resolve("labs"));
        writeLab(labs, "host-name", "hostname-unchanged");
        writeLab(labs, "broken", "hostname-unchangd");
        JlabProcess instructor = new JlabProcess(state, java.util.Map.of("JLAB_LABS_DIR", labs.toString()));

        JlabProcess.Result list = instructor.run("lab", "list", "--lang", "en");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("uts-namespace").contains("container").contains("host-name        2       The host's name");
        assertThat(list.err().lines()).as("the broken lab, in one line").hasSize(1).first().asString()
                .startsWith("jlab: " + labs.resolve("broken") + ": left out: 1 problem, the first: ")
                .contains("unknown kind 'hostname-unchangd' (did you mean 'hostname-unchanged'?)");

        assertThat(instructor.run("lab", "show", "--lang", "en", "host-name").out()).contains("The host's name");
        JlabProcess.Result check = instructor.run("lab", "check", "--json", "host-name");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(new ObjectMapper().readTree(check.out()).get("lab_version").asInt()).isEqualTo(3);

        JlabProcess.Result broken = instructor.run("lab", "check", "broken");
        assertThat(broken.exitCode()).isEqualTo(125);
        assertThat(broken.err().strip()).startsWith("jlab: " + labs.resolve("broken") + ": left out: 1 problem");
        assertThat(jlab.run("lab", "list").out()).as("without JLAB_LABS_DIR: the built-in labs").doesNotContain("host-name");
    }

    /** An instructor's lab: lab.yaml and its instructions in both languages. */
    private static void writeLab(Path labs, String id, String kind) throws IOException {
        Path lab = Files.createDirectories(labs.resolve(id));
        Files.writeString(lab.resolve("lab.yaml"), """
                id: %s
                version: 3
                title: {fr: Le nom de l'hôte, en: The host's name}
                summary: {fr: Ne changez pas le nom de l'hôte, en: Leave the host's name alone}
                checks:
                  - id: unchanged
                    title: {fr: Inchangé, en: Unchanged}
                    points: 2
                    kind: %s
                    with: {not: jlab-uts}
                    hint: {fr: hostname, en: hostname}
                reset:
                  - kind: kill-hostname
                    hostname: jlab-uts
                """.formatted(id, kind));
        Files.writeString(lab.resolve("instructions.fr.adoc"), "= Le nom de l'hôte\n");
        Files.writeString(lab.resolve("instructions.en.adoc"), "= The host's name\n");
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
