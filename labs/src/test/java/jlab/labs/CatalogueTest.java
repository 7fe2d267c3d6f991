package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.labs.check.CheckKinds;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;

/**
 * The labs jlab ships: every one reads without a problem, in both languages,
 * and the published ones keep their ids, names and addresses. An
 * instructor's folder of labs (JLAB_LABS_DIR) is read beside them.
 */
class CatalogueTest {
    /**
     * The published labs: their ids (the course and the web tutor link to
     * them) and the names and addresses the student's work must carry, which
     * the instructions, the course and the tests all use. Other labs may come
     * after them; these never change.
     */
    static final Map<String, List<String>> PUBLISHED = new LinkedHashMap<>();
    static {
        PUBLISHED.put("uts-namespace", List.of("jlab-uts"));
        PUBLISHED.put("pid-namespace", List.of());
        PUBLISHED.put("mount-namespace", List.of("/mnt/jlab-private", "tmpfs"));
        PUBLISHED.put("pivot-root", List.of("/srv/jlab/rootfs"));
        PUBLISHED.put("cgroup-memory", List.of("jlab-mem", "67108864"));
        PUBLISHED.put("cgroup-pids", List.of("jlab-pids", "20"));
        PUBLISHED.put("cgroup-cpu", List.of("jlab-cpu", "50000", "100000"));
        PUBLISHED.put("overlay", List.of("/srv/jlab/overlay/merged", "/srv/jlab/overlay/lower", "/srv/jlab/overlay/upper",
                "/srv/jlab/overlay/work"));
        PUBLISHED.put("veth", List.of("jlab-net", "jlab-veth0", "jlab-veth1", "10.200.0.1/24", "10.200.0.2/24", "10.200.0.2"));
        PUBLISHED.put("bridge", List.of("jlab-br0", "jlab-a", "jlab-b", "10.201.0.1/24", "10.201.0.2/24", "10.201.0.3/24",
                "10.201.0.1", "10.201.0.3"));
        PUBLISHED.put("port-publish", List.of("jlab-web", "10.202.0.1/24", "10.202.0.2/24", "10.202.0.2", "80",
                "http://127.0.0.1:18080/index.html", "/srv/jlab/web/index.html"));
        PUBLISHED.put("user-namespace", List.of("0", "100000", "65536"));
        PUBLISHED.put("bind-mount", List.of("/data", "/srv/jlab/data"));
        PUBLISHED.put("container", List.of("jlab-box", "/srv/jlab/rootfs", "10.203.0.2/24", "10.203.0.1/24", "10.203.0.2",
                "67108864", "50"));
    }

    @Test
    void the_fourteen_published_labs_are_there_with_their_names_and_addresses() {
        Catalogue catalogue = Catalogue.builtIn();
        assertThat(PUBLISHED).hasSize(14);
        assertThat(catalogue.ids()).containsAll(PUBLISHED.keySet()).doesNotHaveDuplicates();
        PUBLISHED.forEach((id, names) -> {
            Lab lab = catalogue.find(id).orElseThrow();
            List<String> parameters = lab.checks().stream().flatMap(c -> c.with().values().stream()).toList();
            assertThat(parameters).as(id + ": the names and addresses its checks look for").containsAll(names);
            assertThat(catalogue.isBuiltIn(id)).isTrue();
        });
    }

    @Test
    void every_built_in_lab_is_valid_with_instructions_in_french_and_english() {
        Catalogue catalogue = Catalogue.builtIn();
        for (Lab lab : catalogue.all()) {
            assertThat(lab.id()).isEqualTo(lab.folder().getFileName().toString());
            assertThat(lab.checks()).isNotEmpty();
            assertThat(lab.maxScore()).isPositive();
            for (Lang lang : Lang.values()) {
                assertThat(lab.instructions(lang)).isRegularFile();
                assertThat(lab.title().in(lang)).isNotBlank();
                lab.checks().forEach(c -> assertThat(c.hint().in(lang)).as(lab.id() + "/" + c.id()).isNotBlank());
            }
            lab.checks().forEach(c -> assertThat(CheckKinds.get(c.kind())).as(c.kind()).isNotNull());
            assertThat(lab.reset()).as(lab.id() + ": reset removes what the lab made").isNotEmpty();
        }
        assertThat(catalogue.problems()).isEmpty();
    }

    @Test
    void the_instructions_name_the_lab_and_its_check_command() throws Exception {
        for (Lab lab : Catalogue.builtIn().all()) {
            for (Lang lang : Lang.values()) {
                assertThat(Files.readString(lab.instructions(lang))).as(lab.id() + " " + lang)
                        .startsWith("= ").contains("jlab lab check " + lab.id());
            }
        }
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThat(Catalogue.builtIn().find("vet")).isEmpty();
    }

    // ---- an instructor's folder of labs -------------------------------------------------

    /** A lab folder an instructor writes: lab.yaml and its instructions in both languages. */
    static Path writeLab(Path dir, String folder, String id, String kind) throws IOException {
        Path lab = Files.createDirectories(dir.resolve(folder));
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
        Files.writeString(lab.resolve("instructions.fr.adoc"), "= Le nom de l'hôte\n\njlab lab check " + id + "\n");
        Files.writeString(lab.resolve("instructions.en.adoc"), "= The host's name\n\njlab lab check " + id + "\n");
        return lab;
    }

    @Test
    void an_instructors_folder_adds_its_valid_labs_after_the_built_in_ones(@TempDir Path dir) throws IOException {
        Path mine = writeLab(dir, "host-name", "host-name", "hostname-unchanged");
        Files.writeString(dir.resolve("README.md"), "not a lab: a plain file\n");
        Files.createDirectories(dir.resolve(".git"));

        Catalogue catalogue = Catalogue.standard(Map.of(Catalogue.LABS_DIR, dir.toString()));

        List<String> builtIn = Catalogue.builtIn().ids();
        assertThat(catalogue.ids()).startsWith(builtIn.toArray(new String[0])).endsWith("host-name").hasSize(builtIn.size() + 1);
        Lab lab = catalogue.find("host-name").orElseThrow();
        assertThat(lab.folder()).isEqualTo(mine);
        assertThat(lab.version()).isEqualTo(3);
        assertThat(catalogue.isBuiltIn("host-name")).isFalse();
        assertThat(catalogue.all()).extracting(Lab::id).endsWith("host-name");
        assertThat(catalogue.problems()).isEmpty();
        assertThat(Catalogue.standard(Map.of()).ids()).isEqualTo(builtIn);
    }

    @Test
    void an_invalid_lab_or_a_built_in_id_is_left_out_with_one_line_and_the_others_stay(@TempDir Path dir) throws IOException {
        writeLab(dir, "host-name", "host-name", "hostname-unchanged");
        Path broken = writeLab(dir, "broken", "broken", "hostname-unchangd");
        Path clash = writeLab(dir, "veth", "veth", "hostname-unchanged");

        Catalogue catalogue = Catalogue.builtIn().with(dir);

        assertThat(catalogue.ids()).contains("host-name", "veth").doesNotContain("broken").doesNotHaveDuplicates();
        assertThat(catalogue.find("veth").orElseThrow().folder()).as("the built-in veth").isNotEqualTo(clash);
        assertThat(catalogue.find("broken")).isEmpty();
        assertThat(catalogue.problems()).hasSize(2);
        assertThat(catalogue.problems().get(0)).doesNotContain("\n")
                .startsWith(broken + ": left out: 1 problem, the first: " + broken.resolve("lab.yaml")
                        + ":9: unknown kind 'hostname-unchangd' (did you mean 'hostname-unchanged'?)")
                .endsWith("(all of them: jlab lab validate " + broken + ")");
        assertThat(catalogue.problems().get(1)).isEqualTo(clash + ": left out: 'veth' is already a lab's id (built in or listed above);"
                + " give this lab an id of its own (its folder's name and its id: in lab.yaml)");
        assertThat(catalogue.problem("broken")).contains(catalogue.problems().get(0));
        assertThat(catalogue.all()).extracting(Lab::id).contains("host-name");
    }

    @Test
    void a_labs_folder_that_does_not_exist_is_one_problem(@TempDir Path dir) {
        Catalogue catalogue = Catalogue.standard(Map.of(Catalogue.LABS_DIR, dir.resolve("nope").toString()));
        assertThat(catalogue.ids()).isEqualTo(Catalogue.builtIn().ids());
        assertThat(catalogue.problems()).containsExactly("JLAB_LABS_DIR=" + dir.resolve("nope")
                + ": no such folder (an instructor's labs: one sub-folder per lab)");
    }
}
