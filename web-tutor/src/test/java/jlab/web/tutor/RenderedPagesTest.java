package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RenderedPagesTest {
    @Test
    void a_kept_page_gets_the_sessions_token_at_every_placeholder_and_keeps_its_utf8() {
        String html = "<meta name=\"csrf-token\" content=\"PH\"><p>Vérifier — l'espace « UTS »</p><input name=\"_csrf\" value=\"PH\">";
        RenderedPages.Page page = RenderedPages.Page.cut(html, "PH");
        assertThat(page.pieces()).hasSize(3);
        assertThat(new String(page.with("tok-1"), StandardCharsets.UTF_8)).isEqualTo(html.replace("PH", "tok-1"));
        assertThat(new String(page.with(""), StandardCharsets.UTF_8)).isEqualTo(html.replace("PH", ""));
        assertThat(new String(RenderedPages.Page.cut("no placeholder é", "PH").with("t"), StandardCharsets.UTF_8)).isEqualTo("no placeholder é");
    }
}
