package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jlab.labs.model.Lang;

class TokenGateTest {
    @Test
    void the_redirect_keeps_the_path_and_the_other_parameters_and_drops_the_token() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        q.put("token", List.of("T"));
        assertThat(TokenGate.withoutToken("/", q)).isEqualTo("/");
        q.put("lang", List.of("fr"));
        q.put("x", List.of("a b&c"));
        assertThat(TokenGate.withoutToken("/labs/veth", q)).isEqualTo("/labs/veth?lang=fr&x=a+b%26c");
    }

    @Test
    void accept_language_picks_the_first_of_french_or_english() {
        assertThat(Language.fromAcceptLanguage("fr-CH, fr;q=0.9, en;q=0.8")).isEqualTo(Lang.FR);
        assertThat(Language.fromAcceptLanguage("de-DE, en;q=0.5, fr;q=0.4")).isEqualTo(Lang.EN);
        assertThat(Language.fromAcceptLanguage("de")).isEqualTo(Lang.EN);
        assertThat(Language.fromAcceptLanguage(null)).isEqualTo(Lang.EN);
    }
}
