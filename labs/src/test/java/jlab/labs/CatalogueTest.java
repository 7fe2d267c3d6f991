package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;

import jlab.labs.check.CheckKinds;
import jlab.labs.model.Lab;
import jlab.labs.model.Lang;

/** The labs jlab ships: every one reads without a problem, in both languages. */
class CatalogueTest {
    @Test
    void every_built_in_lab_is_valid_with_instructions_in_french_and_english() {
        Catalogue catalogue = Catalogue.builtIn();
        assertThat(catalogue.ids()).contains("uts-namespace", "cgroup-memory", "cgroup-pids", "cgroup-cpu");
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
}
