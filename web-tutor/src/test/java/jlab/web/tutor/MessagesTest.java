package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import jlab.labs.model.Lang;

class MessagesTest {
    @Test
    void every_word_of_the_tutor_exists_in_french_and_in_english() {
        assertThat(Messages.of(Lang.FR).keySet()).isEqualTo(Messages.of(Lang.EN).keySet());
        assertThat(Messages.of(Lang.FR).get("lab.check")).isEqualTo("Vérifier");
        assertThat(Messages.of(Lang.EN).values()).allSatisfy(v -> assertThat(v).isNotBlank());
    }
}
