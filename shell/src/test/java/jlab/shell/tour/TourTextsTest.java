package jlab.shell.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The tour's texts: both languages say everything, and the locale chooses between them as the C library would. */
class TourTextsTest {

    @Test
    void every_stage_has_a_title_and_a_text_in_french_and_in_english() {
        for (Language l : Language.values()) {
            TourTexts t = TourTexts.of(l);
            for (Stage s : Stages.forContainer("tour")) {
                assertThat(t.get(s.key() + ".title")).as(l + " " + s.key()).isNotBlank();
                assertThat(t.get(s.key() + ".text").split("(?<=[.:;!?]) ")).as(l + " " + s.key() + ": a few sentences").hasSizeGreaterThan(1);
            }
            for (String k : new String[] {"intro.title", "intro.text", "pause", "stage", "failed", "stopped", "cleanup",
                    "summary.title", "summary.namespaces", "summary.cgroup", "summary.address", "summary.root", "next.title", "next.text"}) {
                assertThat(t.has(k)).as(l + " " + k).isTrue();
            }
        }
        assertThat(TourTexts.of(Language.FR).get("pause")).isEqualTo("Entrée : continuer · q : arrêter");
        assertThat(TourTexts.of(Language.EN).get("cleanup", "box")).contains("box is abandoned");
    }

    @Test
    void the_language_is_lc_all_then_lc_messages_then_lang() {
        assertThat(Language.fromEnvironment(Map.of())).isEqualTo(Language.EN);
        assertThat(Language.fromEnvironment(Map.of("LANG", "fr_FR.UTF-8"))).isEqualTo(Language.FR);
        assertThat(Language.fromEnvironment(Map.of("LANG", "fr_FR.UTF-8", "LC_MESSAGES", "en_GB.UTF-8"))).isEqualTo(Language.EN);
        assertThat(Language.fromEnvironment(Map.of("LANG", "en_US.UTF-8", "LC_MESSAGES", "C", "LC_ALL", "fr_CA"))).isEqualTo(Language.FR);
        assertThat(Language.fromEnvironment(Map.of("LC_ALL", "", "LANG", "fr"))).as("an empty LC_ALL does not count").isEqualTo(Language.FR);
        assertThat(Language.fromEnvironment(Map.of("LANG", "C.UTF-8"))).isEqualTo(Language.EN);
    }

    @Test
    void a_paragraph_is_wrapped_between_words_never_inside_one() {
        String wrapped = Paragraph.wrap("unshare(CLONE_NEWUTS) gives the container a hostname of its own, and the host keeps its", 30);
        assertThat(wrapped.split("\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(30))
                .containsExactly("unshare(CLONE_NEWUTS) gives", "the container a hostname of", "its own, and the host keeps", "its");
    }
}
