package jlab.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the build rendered, read from the classpath as the web tutor reads it
 * (the contract in README.md), and the printable books.
 */
class CourseRenderedTest {
    static final List<String> IDS = List.of("cloud", "virtualisation", "chroot", "namespaces", "cgroups", "layers",
            "networking", "images", "using-containers", "runtimes", "orchestration");
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void chapters_json_lists_the_eleven_chapters_in_course_order_with_both_languages() throws IOException {
        JsonNode chapters = json("chapters.json");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chapters.size(); i++) {
            JsonNode c = chapters.get(i);
            ids.add(c.get("id").asText());
            assertThat(c.get("number").asInt()).isEqualTo(i + 1);
            for (String lang : List.of("fr", "en")) {
                assertThat(c.get("title").get(lang).asText()).as(c + " title " + lang).isNotBlank();
                assertThat(c.get("summary").get(lang).asText()).as(c + " summary " + lang).hasSizeGreaterThan(80);
            }
            assertThat(c.get("labs").isArray()).isTrue();
            assertThat(c.get("sections").size()).as(ids.get(i) + " sections").isPositive();
        }
        assertThat(ids).containsExactlyElementsOf(IDS);
    }

    @Test
    void the_chapters_list_their_fixed_labs() throws IOException {
        JsonNode chapters = json("chapters.json");
        assertThat(labs(chapters, "chroot")).containsExactly("pivot-root");
        assertThat(labs(chapters, "namespaces")).containsExactly("mount-namespace", "bind-mount", "uts-namespace", "ipc-namespace",
                "pid-namespace", "veth", "user-namespace", "cgroup-namespace", "container");
        assertThat(labs(chapters, "cgroups")).containsExactly("cgroup-memory", "cgroup-pids", "cgroup-cpu");
        assertThat(labs(chapters, "layers")).containsExactly("overlay");
        assertThat(labs(chapters, "networking")).containsExactly("veth", "bridge", "port-publish");
        assertThat(labs(chapters, "using-containers")).containsExactly("container");
    }

    @Test
    void every_chapter_is_an_embeddable_fragment_in_both_languages_with_its_section_ids() throws IOException {
        for (JsonNode c : json("chapters.json")) {
            for (String lang : List.of("fr", "en")) {
                String html = text(lang + "/" + c.get("id").asText() + ".html");
                assertThat(html).as("a fragment the tutor wraps").doesNotContain("<html", "<head", "<body", "<h1", "<link", "<style");
                for (JsonNode s : c.get("sections")) {
                    assertThat(html).contains("<h2 id=\"" + s.get("id").asText() + "\"");
                }
                assertThat(html).as("nothing left unresolved").doesNotContain("Unresolved directive", "include::", "{lab-base}");
            }
        }
    }

    @Test
    void lab_links_are_tutor_paths_to_labs_that_exist_and_every_lab_is_linked() throws IOException {
        List<String> labIds;
        try (Stream<Path> dirs = Files.list(Path.of("../labs/src/main/resources/labs"))) {
            labIds = dirs.filter(d -> Files.exists(d.resolve("lab.yaml"))).map(d -> d.getFileName().toString()).toList();
        }
        Set<String> linked = new TreeSet<>();
        for (String id : IDS) {
            Matcher m = Pattern.compile("href=\"/labs/([^\"]+)\"").matcher(text("en/" + id + ".html"));
            while (m.find()) { assertThat(labIds).contains(m.group(1)); linked.add(m.group(1)); }
        }
        assertThat(linked).as("every lab is linked by a chapter").containsExactlyInAnyOrderElementsOf(labIds);
    }

    @Test
    void every_chapter_links_the_glossary_in_both_languages() throws IOException {
        for (String id : IDS) {
            for (String lang : List.of("fr", "en")) {
                assertThat(text(lang + "/" + id + ".html")).as(lang + "/" + id + " links a term of the glossary").contains("href=\"glossary#glossary-");
            }
        }
    }

    @Test
    void commands_a_student_may_paste_are_marked_and_hold_the_included_lines() throws IOException {
        String chroot = text("en/chroot.html");
        assertThat(chroot).contains("<div class=\"listingblock jlab-cmd\">")
                .contains("<code class=\"language-jlab\" data-lang=\"jlab\">new box\nstep --to mount tmp\nexec ls /</code>")
                .contains("data-lang=\"shell\">chroot \"$root\" /bin/ls /</code>");
        assertThat(chroot).as("the tag markers are not shown").doesNotContain("tag::", "end::");
    }

    @Test
    void cross_references_between_chapters_are_relative_tutor_paths() throws IOException {
        assertThat(text("fr/cloud.html")).contains("href=\"chroot#chroot-labs\"").contains("href=\"virtualisation#virtualisation-containers\"");
    }

    @Test
    void diagrams_are_inline_so_a_fragment_needs_no_other_file() throws IOException {
        String chroot = text("fr/chroot.html");
        assertThat(chroot).contains("<img src=\"data:image/svg+xml;base64,");
        assertThat(chroot).doesNotContain("src=\"/", "src=\"chroot-tree.svg\"");
    }

    @Test
    void every_chapter_has_a_quiz_of_five_questions_or_more_whose_answers_are_choices() throws IOException {
        List<String> withQuiz = new ArrayList<>();
        for (JsonNode c : json("chapters.json")) {
            withQuiz.add(c.get("id").asText());
            assertThat(c.get("quiz").asText()).isEqualTo("quiz/" + c.get("id").asText() + ".json");
            JsonNode quiz = json(c.get("quiz").asText());
            assertThat(quiz.get("questions").size()).isGreaterThanOrEqualTo(5);
            for (JsonNode q : quiz.get("questions")) {
                List<String> choices = new ArrayList<>();
                q.get("choices").forEach(ch -> choices.add(ch.get("id").asText()));
                assertThat(choices).contains(q.get("answer").asText());
                for (String lang : List.of("fr", "en")) {
                    assertThat(q.get("question").get(lang).asText()).isNotBlank();
                    assertThat(q.get("why").get(lang).asText()).isNotBlank();
                }
            }
        }
        assertThat(withQuiz).containsExactlyElementsOf(IDS);
    }

    @Test
    void the_glossary_is_data_and_a_page_with_an_anchor_per_term() throws IOException {
        JsonNode glossary = json("glossary.json");
        assertThat(glossary.size()).isGreaterThanOrEqualTo(20);
        String fr = text("fr/glossary.html");
        for (JsonNode t : glossary) {
            assertThat(fr).contains("<a id=\"glossary-" + t.get("id").asText() + "\"></a>" + escape(t.get("term").get("fr").asText()));
        }
        assertThat(fr.indexOf("élasticité")).as("French order: é sorts with e").isLessThan(fr.indexOf("hyperviseur"));
    }

    @Test
    void each_book_is_one_file_with_a_table_of_contents_every_chapter_its_quiz_and_the_glossary() throws IOException {
        for (String lang : List.of("fr", "en")) {
            String book = Files.readString(Path.of("target/book/" + lang + "/book.html"));
            assertThat(book).contains("<div id=\"toc\" class=\"toc2\">").contains("<html lang=\"" + lang + "\"");
            for (String id : IDS) assertThat(book).contains("id=\"" + id + "-labs\"");
            for (String id : IDS) assertThat(book).contains("id=\"" + id + "-quiz\"");
            assertThat(book).contains("id=\"glossary-namespace\"");
            assertThat(book).as("a link between chapters stays in the book").contains("href=\"#chroot-labs\"")
                    .doesNotContain("href=\"chroot#", "href=\"chroot.html");
            assertThat(book).as("images inline").doesNotContain("src=\"chroot-tree.svg\"");
            assertThat(book).as("nothing loaded from outside").doesNotContain("<link rel=\"stylesheet\" href=\"http", "<script src=\"http");
        }
    }

    private static String escape(String s) { return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"); }

    private static List<String> labs(JsonNode chapters, String id) {
        for (JsonNode c : chapters) {
            if (c.get("id").asText().equals(id)) {
                List<String> labs = new ArrayList<>();
                c.get("labs").forEach(l -> labs.add(l.asText()));
                return labs;
            }
        }
        throw new AssertionError("no chapter " + id);
    }

    private static JsonNode json(String name) throws IOException {
        try (InputStream in = resource(name)) { return JSON.readTree(in); }
    }

    private static String text(String name) throws IOException {
        try (InputStream in = resource(name)) { return new String(in.readAllBytes(), StandardCharsets.UTF_8); }
    }

    private static InputStream resource(String name) {
        InputStream in = CourseRenderedTest.class.getResourceAsStream("/jlab/course/" + name);
        assertThat(in).as("classpath resource jlab/course/" + name).isNotNull();
        return in;
    }
}
