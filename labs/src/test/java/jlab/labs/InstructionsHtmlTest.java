package jlab.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import jlab.labs.model.Lang;

/** The build renders every lab's AsciiDoc into an HTML fragment in the jar (asciidoctor-maven-plugin). */
class InstructionsHtmlTest {
    private static String html(String id, Lang lang) throws Exception {
        try (InputStream in = InstructionsHtmlTest.class.getResourceAsStream("/jlab/labs/html/" + id + "." + lang.code() + ".html")) {
            assertThat(in).as(id + "." + lang.code() + ".html is in the jar").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void every_lab_has_an_embeddable_html_fragment_in_both_languages() throws Exception {
        for (String id : Catalogue.builtIn().ids()) {
            for (Lang lang : Lang.values()) {
                String html = html(id, lang);
                assertThat(html).as(id + " " + lang).doesNotContain("<html", "<head", "<body").contains("<h2 ")
                        .contains("jlab lab check " + id);
            }
        }
    }

    @Test
    void listings_a_student_may_paste_carry_the_jlab_cmd_role() throws Exception {
        assertThat(html("uts-namespace", Lang.EN))
                .contains("<div class=\"listingblock jlab-cmd\">")
                .contains("# unshare --uts sh");
    }
}
