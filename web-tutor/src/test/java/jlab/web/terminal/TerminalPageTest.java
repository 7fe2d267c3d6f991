package jlab.web.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jlab.web.Templates;

/** The terminal's fragment and files, as a lab page gets them (no pty is started: no page script runs here). */
class TerminalPageTest {
    private TestTutor tutor;

    @AfterEach
    void stop() {
        if (tutor != null) tutor.close();
    }

    @Test
    void the_fragment_has_the_stable_ids_and_the_command() {
        String html = new Templates().render("terminal-test-page.ftlh", Map.of("csrf", "tok", "path", "/lab"));
        assertThat(html).contains("<div id=\"terminal\" data-command=\"shell\" data-state=\"connecting\">")
                .contains("id=\"terminal-status\"").contains("id=\"terminal-restart\"").contains("id=\"terminal-help\"")
                .contains("Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd>")
                .contains("<script src=\"/webjars/xterm/4.9.0/lib/xterm.js\"></script>")
                .contains("<script src=\"/static/terminal.js\"></script>")
                .contains("<meta name=\"csrf-token\" content=\"tok\">")
                .contains("<label for=\"terminal-command\">Runs</label>")
                .contains("<select id=\"terminal-command\"><option value=\"shell\" selected>a shell</option><option value=\"cat\">cat</option></select>");
    }

    @Test
    void the_page_scripts_and_styles_are_served() throws Exception {
        tutor = new TestTutor(o -> o);
        for (String path : new String[] {"/lab", "/static/terminal.js", "/static/terminal.css",
                "/webjars/xterm/4.9.0/lib/xterm.js", "/webjars/xterm/4.9.0/css/xterm.css",
                "/webjars/xterm-addon-fit/0.3.0/lib/xterm-addon-fit.js"}) {
            HttpResponse<String> r = tutor.http.send(HttpRequest.newBuilder(URI.create(tutor.base + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
    }
}
