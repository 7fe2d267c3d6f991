package jlab.labs.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.Catalogue;

/** {@code lab validate}: every mistake of a lab folder, each with its file and line. */
class LabReaderTest {
    @TempDir Path dir;

    private static final String GOOD = """
            id: demo
            version: 1
            title: {fr: Démo, en: Demo}
            summary: {fr: Une démo, en: A demo}
            checks:
              - id: own-hostname
                title: {fr: Nom, en: Name}
                points: 2
                kind: uts-hostname
                with:
                  hostname: jlab-uts
                hint: {fr: Essayez unshare, en: Try unshare}
              - id: process
                title: {fr: Processus, en: Process}
                points: 1
                kind: cgroup-process
                with: {cgroup: jlab-mem}
                requires: [own-hostname]
                hint: {fr: cgroup.procs, en: cgroup.procs}
            reset:
              - kind: kill-hostname
                hostname: jlab-uts
            """;

    private List<String> problems(String yaml) throws IOException {
        return problems(yaml, true);
    }

    private List<String> problems(String yaml, boolean instructions) throws IOException {
        Path lab = Files.createDirectories(dir.resolve("demo"));
        Files.writeString(lab.resolve("lab.yaml"), yaml);
        if (instructions) {
            Files.writeString(lab.resolve("instructions.fr.adoc"), "= Démo\n");
            Files.writeString(lab.resolve("instructions.en.adoc"), "= Demo\n");
        }
        LabReader.Result r = LabReader.read(lab, Catalogue.vocabulary());
        return r.problems().stream().map(p -> p.file().getFileName() + ":" + p.line() + ": " + p.message()).toList();
    }

    @Test
    void a_good_lab_reads_with_its_checks_in_order() throws IOException {
        assertThat(problems(GOOD)).isEmpty();
        LabReader.Result r = LabReader.read(dir.resolve("demo"), Catalogue.vocabulary());
        assertThat(r.lab().checks()).extracting(c -> c.id()).containsExactly("own-hostname", "process");
        assertThat(r.lab().checks().get(0).with()).containsEntry("hostname", "jlab-uts");
        assertThat(r.lab().checks().get(1).requires()).containsExactly("own-hostname");
        assertThat(r.lab().maxScore()).isEqualTo(3);
    }

    @Test
    void a_typo_in_a_field_names_its_line_and_the_field_meant() throws IOException {
        assertThat(problems(GOOD.replace("    requires: [own-hostname]", "    requirse: [own-hostname]")))
                .containsExactly("lab.yaml:18: 'requirse' is not a field of a check (did you mean 'requires'?); "
                        + "the fields are: id, title, points, kind, with, requires, hint");
    }

    @Test
    void every_mistake_is_reported_not_only_the_first() throws IOException {
        String broken = GOOD.replace("kind: uts-hostname", "kind: uts-hostnme")
                .replace("points: 1", "points: one")
                .replace("requires: [own-hostname]", "requires: [own-hostnam]")
                .replace("summary: {fr: Une démo, en: A demo}\n", "");
        assertThat(problems(broken)).containsExactlyInAnyOrder(
                "lab.yaml:1: 'summary' is missing (with fr: and en:)",
                "lab.yaml:8: unknown kind 'uts-hostnme' (did you mean 'uts-hostname'?); the kinds are: "
                        + String.join(", ", Catalogue.vocabulary().checks().keySet()),
                "lab.yaml:14: 'points' must be a whole number, not 'one'",
                "lab.yaml:17: requires 'own-hostnam', which is not a check above this one (did you mean 'own-hostname'?)");
    }

    @Test
    void a_missing_parameter_and_an_unknown_one_are_named() throws IOException {
        assertThat(problems(GOOD.replace("      hostname: jlab-uts\n", "      hostnam: jlab-uts\n")))
                .containsExactlyInAnyOrder(
                        "lab.yaml:11: 'uts-hostname' takes no parameter 'hostnam' (did you mean 'hostname'?); it takes: hostname",
                        "lab.yaml:11: 'uts-hostname' needs the parameter 'hostname'");
    }

    @Test
    void a_key_written_twice_is_an_error_not_a_silent_overwrite() throws IOException {
        assertThat(problems(GOOD.replace("version: 1\n", "version: 1\nversion: 2\n")))
                .containsExactly("lab.yaml:3: 'version' is written twice (first on line 2)");
    }

    @Test
    void a_file_that_is_not_yaml_says_where() throws IOException {
        assertThat(problems("id: demo\ntitle: {fr: x\n")).singleElement().asString()
                .startsWith("lab.yaml:").contains("not valid YAML");
    }

    @Test
    void the_id_must_be_the_folders_name_and_instructions_must_exist() throws IOException {
        assertThat(problems(GOOD.replace("id: demo", "id: other"), false)).containsExactly(
                "lab.yaml:1: id 'other' must be the folder's name ('demo')",
                "instructions.fr.adoc:0: missing: every lab has its instructions in French and English",
                "instructions.en.adoc:0: missing: every lab has its instructions in French and English");
    }

    @Test
    void a_text_in_one_language_only_is_refused() throws IOException {
        assertThat(problems(GOOD.replace("title: {fr: Démo, en: Demo}", "title: {fr: Démo}")))
                .containsExactly("lab.yaml:3: 'en' is missing");
    }

    @Test
    void the_tree_keeps_lines() throws IOException {
        Node root = YamlTree.parse(new StringReader("a: 1\nb:\n  - x\n  - {c: 2}\n"));
        Node.MapNode m = (Node.MapNode) root;
        assertThat(m.keyLines()).containsEntry("a", 1).containsEntry("b", 2);
        Node.ListNode b = (Node.ListNode) m.entries().get("b");
        assertThat(b.items()).extracting(Node::line).containsExactly(3, 4);
    }
}
