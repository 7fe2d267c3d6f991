package jlab.web.tutor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.state.StateDir;
import jlab.labs.model.Lang;
import jlab.web.security.Sessions;

/** {@code jlab web} on a real port, spoken to by the JDK's HTTP client; the course is the test fixture. */
class TutorTest {
    @TempDir Path stateDir;
    private Tutor tutor;

    @BeforeEach
    void start() {
        tutor = Tutor.start(new Tutor.Options(0, null, new StateDir(stateDir)));
    }

    @AfterEach
    void stop() {
        tutor.close();
    }

    @Test
    void without_a_token_every_path_answers_401_and_says_how_to_get_the_link() throws Exception {
        TutorClient anyone = new TutorClient(tutor);
        for (String path : List.of("/", "/labs/veth", "/course/namespaces", "/containers", "/static/jlab.css",
                "/static/lab.js", "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js", "/api/containers",
                "/api/labs/veth/attempts", "/terminal", "/terminal/ws", "/terminal/ws?ticket=x", "/nowhere")) {
            HttpResponse<String> r = anyone.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains("./jlab web").doesNotContain("at jlab.");
        }
        HttpResponse<String> api = anyone.get("/api/containers");
        assertThat(api.body()).contains("\"error\":\"this page needs the link jlab web printed", "\"status\":401");
        assertThat(anyone.post("/api/labs/uts-namespace/check", null).statusCode()).isEqualTo(401);
        assertThat(anyone.post("/terminal/ticket", null).statusCode()).isEqualTo(401);
        // The WebSocket's upgrade too: refused before it, not accepted and then closed.
        Throwable upgrade = catchThrowable(() -> java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Origin", "http://127.0.0.1:" + tutor.port())
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + tutor.port() + "/terminal/ws?ticket=x"), new java.net.http.WebSocket.Listener() {})
                .get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(upgrade).hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class);
        HttpResponse<?> refused = ((java.net.http.WebSocketHandshakeException) upgrade.getCause()).getResponse();
        assertThat(refused.statusCode()).isEqualTo(401);
    }

    @Test
    void a_wrong_token_answers_401() throws Exception {
        HttpResponse<String> r = new TutorClient(tutor).get("/?token=" + "A".repeat(43));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("wrong token");
        assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void the_right_token_redirects_to_the_path_without_it_and_sets_the_session_cookie() throws Exception {
        String token = tutor.url().substring(tutor.url().indexOf("token=") + 6);
        HttpResponse<String> r = new TutorClient(tutor).get("/labs/veth?lang=fr&token=" + token);
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValue("/labs/veth?lang=fr");
        assertThat(r.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith(Sessions.COOKIE + "=").containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void the_url_is_printed_as_one_link_and_written_to_a_file_only_root_reads() throws Exception {
        assertThat(tutor.url()).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{43}");
        Path file = stateDir.resolve("web/url");
        assertThat(Files.readString(file)).isEqualTo(tutor.url() + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        tutor.close();
        assertThat(file).doesNotExist();
    }

    @Test
    void the_home_page_shows_the_outline_and_every_lab_in_english_and_in_french() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> en = student.get("/?lang=en");
        assertThat(en.statusCode()).isEqualTo(200);
        assertThat(en.body()).contains("<html lang=\"en\">", "Namespaces", "chroot and its limits", "href=\"/course/cgroups\"",
                "href=\"/labs/uts-namespace\"", "href=\"/labs/veth\"", "not checked yet");
        HttpResponse<String> fr = student.get("/?lang=fr");
        assertThat(fr.body()).contains("<html lang=\"fr\">", "Les espaces de noms", "Les labs", "pas encore vérifié");
    }

    /**
     * An instructor's folder of labs (JLAB_LABS_DIR): its labs are on the home page and have their page, with
     * their AsciiDoc rendered, and a Check button that runs their checks; an invalid one is left out, in one line.
     */
    @Test
    void an_instructors_labs_are_listed_shown_and_checked_and_a_broken_one_is_one_line() throws Exception {
        Path labs = Files.createDirectories(stateDir.resolve("instructor-labs"));
        Path lab = Files.createDirectories(labs.resolve("host-name"));
        Files.writeString(lab.resolve("lab.yaml"), """
                id: host-name
                version: 3
                title: {fr: Le nom de l'hôte, en: The host's name}
                summary: {fr: Ne changez pas le nom de l'hôte, en: Leave the host's name alone}
                checks:
                  - id: unchanged
                    title: {fr: Inchangé, en: Unchanged}
                    points: 2
                    kind: hostname-unchanged
                    with: {not: jlab-no-such-name}
                    hint: {fr: hostname, en: hostname}
                """);
        Files.writeString(lab.resolve("instructions.fr.adoc"), "= Le nom de l'hôte\n\n== Avec les outils\n\nNe touchez à *rien*.\n");
        Files.writeString(lab.resolve("instructions.en.adoc"), """
                = The host's name

                == With Linux tools

                Change *nothing*: <script>alert(1)</script>

                [source,console,role=jlab-cmd]
                ----
                # hostname          <1>
                ----
                <1> the host's name
                """);
        Path broken = Files.createDirectories(labs.resolve("broken"));
        Files.writeString(broken.resolve("lab.yaml"), "id: broken\nversion: 1\n");

        try (Tutor own = Tutor.start(new Tutor.Options(0, null, new StateDir(stateDir.resolve("own"))).withLabs(() ->
                jlab.labs.Catalogue.builtIn().with(labs)))) {
            assertThat(own.labProblems()).singleElement().asString().startsWith(broken + ": left out: ");
            TutorClient student = new TutorClient(own).logIn(own);
            assertThat(student.get("/?lang=en").body()).contains("href=\"/labs/host-name\"", "The host&#39;s name", "href=\"/labs/veth\"")
                    .doesNotContain("href=\"/labs/broken\"");
            String page = student.get("/labs/host-name?lang=en").body();
            assertThat(page).contains("<h2 id=\"with-linux-tools\">With Linux tools</h2>", "Change <strong>nothing</strong>: &lt;script&gt;",
                    "<div class=\"listingblock jlab-cmd\">", "# hostname          <b class=\"conum\">(1)</b>", "<p>the host&#8217;s name</p>",
                    "id=\"check-button\"").doesNotContain("<script>alert");
            assertThat(student.get("/labs/host-name?lang=fr").body()).contains("Ne touchez à <strong>rien</strong>.");
            HttpResponse<String> check = student.post("/api/labs/host-name/check?lang=en", student.csrf("/labs/host-name"));
            assertThat(check.statusCode()).as(check.body()).isEqualTo(200);
            com.fasterxml.jackson.databind.JsonNode result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(check.body());
            assertThat(result.path("lab").asText()).isEqualTo("host-name");
            assertThat(result.path("lab_version").asInt()).isEqualTo(3);
            assertThat(result.path("passed").asBoolean()).as(check.body()).isTrue();
            assertThat(student.get("/labs/broken").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void the_language_is_remembered_in_the_session_and_defaults_to_the_browsers() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        assertThat(student.send(student.request("/").header("Accept-Language", "fr-CH, fr;q=0.9, en;q=0.8")).body())
                .contains("<html lang=\"fr\">");
        assertThat(student.send(student.request("/").header("Accept-Language", "de, en;q=0.5")).body())
                .contains("<html lang=\"en\">");
        student.get("/labs/veth?lang=fr");
        assertThat(student.send(student.request("/").header("Accept-Language", "en")).body()).contains("<html lang=\"fr\">");
        HttpResponse<String> bad = student.get("/?lang=de");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("fr or en");
    }

    @Test
    void a_chapter_is_its_fragment_in_the_layout_with_previous_next_and_its_labs() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> r = student.get("/course/namespaces?lang=en");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<h1>2. Namespaces</h1>", "Chapter namespaces (fixture)", "<code>unshare --uts sh</code>",
                "id=\"previous\" rel=\"prev\" href=\"/course/chroot\"", "id=\"next\" rel=\"next\" href=\"/course/cgroups\"",
                "href=\"/labs/uts-namespace\"", "href=\"/labs/pid-namespace\"");
        assertThat(student.get("/course/namespaces?lang=fr").body()).contains("Chapitre namespaces (fixture)", "Suivant");
    }

    @Test
    void an_unknown_chapter_or_lab_is_404_naming_it_and_listing_the_ids() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> chapter = student.get("/course/nope");
        assertThat(chapter.statusCode()).isEqualTo(404);
        assertThat(chapter.body()).contains("no chapter nope: the chapters are chroot, namespaces, cgroups");
        HttpResponse<String> lab = student.get("/labs/nope");
        assertThat(lab.statusCode()).isEqualTo(404);
        assertThat(lab.body()).contains("no lab nope: the labs are uts-namespace, ", "veth");
        HttpResponse<String> api = student.post("/api/labs/nope/check", student.csrf("/"));
        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(api.body()).contains("\"error\":\"no lab nope: the labs are uts-namespace");
    }

    @Test
    void a_chapters_quiz_is_a_form_and_its_answers_come_back_graded_with_why() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> page = student.get("/course/chroot?lang=en");
        assertThat(page.body()).contains("id=\"quiz-form\"", "name=\"q-what-changes\" value=\"a\"",
                "What does <code>chroot</code> change?");
        String csrf = student.csrf("/course/chroot?lang=en");
        HttpResponse<String> graded = student.postForm("/course/chroot/quiz?lang=en",
                "_csrf=" + csrf + "&q-what-changes=a&q-escape=no");
        assertThat(graded.statusCode()).isEqualTo(200);
        assertThat(graded.body()).contains("data-right=\"1\" data-total=\"2\"", "1 right out of 2",
                "data-question=\"escape\" data-right=\"false\"", "The answer: Yes", "Only the root &lt;directory&gt;.");
        assertThat(student.postForm("/course/chroot/quiz", "q-escape=yes").statusCode())
                .as("no token, no grading").isEqualTo(403);
        HttpResponse<String> nope = student.postForm("/course/nope/quiz", "_csrf=" + csrf);
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(nope.body()).contains("no chapter nope");
    }

    @Test
    void the_glossary_is_served_in_both_languages() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        assertThat(student.get("/course/glossary?lang=fr").body()).contains("id=\"glossary\"", "glossary-throttling");
        assertThat(student.get("/course/glossary?lang=en").statusCode()).isEqualTo(200);
    }

    @Test
    void a_lab_page_has_its_instructions_buttons_results_history_and_terminal() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> r = student.get("/labs/veth?lang=en");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("<div id=\"terminal\" data-command=\"jlab\" data-state=\"connecting\"></div>",
                "/webjars/xterm/4.9.0/lib/xterm.js", "/static/terminal.js", "id=\"terminal-help\"",
                "id=\"check-button\"", "id=\"start-button\"", "id=\"reset-button\"", "id=\"results\"", "id=\"history\"",
                "<meta name=\"csrf-token\" content=\"", "<div class=\"listingblock jlab-cmd\">", "jlab lab check veth",
                "No attempt yet.", "/static/lab.js", "data-words=\"{&quot;best&quot;");
        assertThat(student.get("/labs/veth?lang=fr").body()).contains("Vérifier", "Réinitialiser", "Aucune tentative");
    }

    @Test
    void a_page_kept_rendered_still_carries_each_sessions_own_csrf_token() throws Exception {
        TutorClient alice = new TutorClient(tutor).logIn(tutor);
        TutorClient bob = new TutorClient(tutor).logIn(tutor);
        String a1 = alice.csrf("/labs/veth");
        String b1 = bob.csrf("/labs/veth");
        assertThat(a1).isNotEqualTo(b1).hasSize(43);
        assertThat(alice.csrf("/labs/veth")).isEqualTo(a1);
        assertThat(bob.get("/labs/veth").body()).doesNotContain(a1).doesNotContain("csrf-" + "\"");
        // Bob's token does not pass with Alice's session.
        assertThat(alice.post("/api/labs/nope/start", b1).statusCode()).isEqualTo(403);
        assertThat(alice.post("/api/labs/nope/start", a1).statusCode()).isEqualTo(404);
    }

    @Test
    void a_kept_page_is_sent_as_it_is_uncompressed_without_an_etag_on_loopback() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> r = student.send(student.request("/course/namespaces?lang=fr").header("Accept-Encoding", "gzip, deflate, br"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t.replace(" ", "")).isEqualToIgnoringCase("text/html;charset=utf-8"));
        assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(r.headers().firstValue("ETag")).isEmpty();
        assertThat(r.body()).contains("<html lang=\"fr\">").containsPattern("<meta name=\"csrf-token\" content=\"[A-Za-z0-9_-]{43}\">");
    }

    @Test
    void a_check_without_the_csrf_token_is_refused_with_403() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        HttpResponse<String> r = student.post("/api/labs/uts-namespace/check", null);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("security token");
        assertThat(student.post("/api/labs/uts-namespace/check", "x".repeat(43)).statusCode()).isEqualTo(403);
        assertThat(stateDir.resolve("web/attempts/uts-namespace.jsonl")).doesNotExist();
    }

    @Test
    void the_static_files_and_webjars_are_served_to_a_session() throws Exception {
        TutorClient student = new TutorClient(tutor).logIn(tutor);
        assertThat(student.get("/static/lab.js").statusCode()).isEqualTo(200);
        assertThat(student.get("/static/containers.js").statusCode()).isEqualTo(200);
        assertThat(student.get("/webjars/uplot/1.6.30/dist/uPlot.min.css").statusCode()).isEqualTo(200);
    }

    @Test
    void a_port_in_use_is_one_clear_line() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> Tutor.start(new Tutor.Options(taken.getLocalPort(), Lang.EN, new StateDir(stateDir.resolve("b")))))
                    .isInstanceOf(Tutor.PortInUse.class)
                    .hasMessage("port " + taken.getLocalPort() + " on 127.0.0.1 is in use (another jlab web?): stop it,"
                            + " or choose another with --port N");
        }
    }
}
