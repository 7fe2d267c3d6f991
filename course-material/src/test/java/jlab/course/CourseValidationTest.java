package jlab.course;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import jlab.course.build.CourseBuild;
import jlab.course.build.CourseException;

/**
 * The build-time validation, on a small valid course (src/test/resources/fixture)
 * broken one mistake at a time: each mistake must be reported with its file and
 * line, and the build must refuse to go on.
 */
class CourseValidationTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixture");

    @TempDir Path dir;

    /** One deliberate mistake: in {@code file}, {@code from} becomes {@code to}; {@code expected} starts the report. */
    record Mistake(String name, String file, String from, String to, String expected) {
        @Override public String toString() { return name; }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                new Mistake("a cross-reference to an id that does not exist", "src/docs/en/one.adoc",
                        "xref:two.adoc#two-end[two]", "xref:two.adoc#two-nowhere[two]",
                        "src/docs/en/one.adoc:9: cross-reference to \"two-nowhere\": no such id in chapter two"),
                new Mistake("a cross-reference to a chapter that does not exist", "src/docs/fr/two.adoc",
                        "xref:one.adoc#one-start[one]", "xref:three.adoc#three-x[three]",
                        "src/docs/fr/two.adoc:9: cross-reference to chapter \"three\": no such chapter"),
                new Mistake("a cross-reference inside the chapter to a missing id", "src/docs/fr/one.adoc",
                        "<<one-start>>", "<<one-finish>>",
                        "src/docs/fr/one.adoc:9: cross-reference to \"one-finish\": no such id in chapter one"),
                new Mistake("a reference to a glossary term that does not exist", "src/docs/en/one.adoc",
                        "glossary-term", "glossary-word",
                        "src/docs/en/one.adoc:9: cross-reference to glossary term \"glossary-word\""),
                new Mistake("an include of a file that does not exist", "src/docs/en/one.adoc",
                        "{sessionsdir}/one.jlab", "{sessionsdir}/none.jlab",
                        "src/docs/en/one.adoc:13: include of \"{sessionsdir}/none.jlab\": no such file"),
                new Mistake("an include of a tag that does not exist", "src/docs/fr/one.adoc",
                        "tag=hello", "tag=goodbye",
                        "src/docs/fr/one.adoc:13: include of \"{sessionsdir}/one.jlab\": tag \"goodbye\" not found"),
                new Mistake("an include through an unknown attribute", "src/docs/fr/one.adoc",
                        "{sessionsdir}/one.jlab", "{snippets}/one.jlab",
                        "src/docs/fr/one.adoc:13: include of \"{snippets}/one.jlab\": unknown attribute"),
                new Mistake("a link to a lab that does not exist", "src/docs/en/one.adoc",
                        "link:{lab-base}alpha[Alpha]", "link:{lab-base}alpha[Alpha] and link:{lab-base}gamma[Gamma]",
                        "src/docs/en/one.adoc:21: no lab \"gamma\" in labs/src/main/resources/labs"),
                new Mistake("a listed lab that does not exist", "src/docs/en/one.adoc",
                        ":jlab-labs: alpha", ":jlab-labs: alpha gamma",
                        "src/docs/en/one.adoc:3: no lab \"gamma\""),
                new Mistake("a listed lab that the chapter never links", "src/docs/fr/two.adoc",
                        ":jlab-labs:", ":jlab-labs: beta",
                        "src/docs/fr/two.adoc:3: lab \"beta\" is listed but the chapter never links it"),
                new Mistake("labs that differ between the languages", "src/docs/en/two.adoc",
                        ":jlab-labs:\n", ":jlab-labs: beta\n",
                        "src/docs/en/two.adoc:3: labs [beta] differ from the French chapter's []"),
                new Mistake("a chapter number that differs between the languages", "src/docs/en/two.adoc",
                        ":jlab-chapter: 2", ":jlab-chapter: 3",
                        "src/docs/en/two.adoc:2: chapter number 3 differs from the French one (2)"),
                new Mistake("a section whose id differs between the languages", "src/docs/en/one.adoc",
                        "[#one-start]", "[#one-begin]",
                        "src/docs/en/one.adoc:7: sections differ from the French chapter from section 1 on: here \"one-begin\", in French \"one-start\""),
                new Mistake("a section without an id", "src/docs/fr/two.adoc",
                        "[#two-end]\n", "",
                        "src/docs/fr/two.adoc:6: section \"End\" has no id"),
                new Mistake("a section id without the chapter's prefix", "src/docs/fr/two.adoc",
                        "[#two-end]", "[#end]",
                        "src/docs/fr/two.adoc:6: section id \"end\" must start with \"two-\""),
                new Mistake("an anchor glued to the paragraph above", "src/docs/fr/two.adoc",
                        "one].\n\n[#two-labs]", "one].\n[#two-labs]",
                        "src/docs/fr/two.adoc:10: put a blank line above [#two-labs]"),
                new Mistake("a chapter whose last section is not its labs", "src/docs/en/two.adoc",
                        "[#two-labs]\n== Labs", "[#two-more]\n== More",
                        "src/docs/en/two.adoc:12: the chapter's last section must be its labs"),
                new Mistake("a chapter without a summary", "src/docs/en/two.adoc",
                        ":description: Two (en).\n", "",
                        "src/docs/en/two.adoc:1: the chapter has no summary"),
                new Mistake("an image that does not exist", "src/docs/fr/one.adoc",
                        "image::box.svg", "image::circle.svg",
                        "src/docs/fr/one.adoc:16: image \"circle.svg\" not found in src/images"),
                new Mistake("a quiz with an unknown field", "src/quiz/one.yaml",
                        "    answer: a", "    anwser: a",
                        "src/quiz/one.yaml:7: unknown field \"anwser\" in a question"),
                new Mistake("a quiz whose answer is not one of the choices", "src/quiz/one.yaml",
                        "answer: a", "answer: c",
                        "src/quiz/one.yaml:7: question \"q1\": the answer \"c\" is not one of the choices (a, b)"),
                new Mistake("a quiz with a missing language", "src/quiz/one.yaml",
                        "why: {fr: \"Parce que.\", en: \"Because.\"}", "why: {fr: \"Parce que.\"}",
                        "src/quiz/one.yaml:8: question \"q1\": why has no \"en\""),
                new Mistake("a quiz choice with a missing language", "src/quiz/one.yaml",
                        "{id: b, fr: \"Cela\", en: \"That\"}", "{id: b, fr: \"Cela\"}",
                        "src/quiz/one.yaml:6: question \"q1\": a choice has no \"en\""),
                new Mistake("a quiz that is not valid YAML", "src/quiz/one.yaml",
                        "    answer: a", "    answer: [a",
                        "src/quiz/one.yaml:8: not valid YAML"),
                new Mistake("a glossary term with a missing language", "src/glossary.yaml",
                        "  en: {term: term, definition: \"A word.\"}\n", "",
                        "src/glossary.yaml:1: a term has no \"en\""),
                new Mistake("a glossary term pointing at a chapter that does not exist", "src/glossary.yaml",
                        "chapter: one", "chapter: three",
                        "src/glossary.yaml:4: term term: no chapter \"three\"")
        ).map(Arguments::of);
    }

    @Test
    void the_fixture_course_is_valid() throws IOException {
        assertThat(validate(copyFixture())).isEmpty();
    }

    @Test
    void the_real_course_is_valid() throws IOException {
        assertThat(new CourseBuild(Path.of("src"), Path.of("../labs/src/main/resources/labs")).validate()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void each_mistake_is_reported_with_its_file_and_line(Mistake m) throws IOException {
        Path course = copyFixture();
        Path file = course.resolve(m.file());
        String text = Files.readString(file);
        assertThat(text).as("the fixture holds what the mistake changes").contains(m.from());
        Files.writeString(file, text.replace(m.from(), m.to()));
        assertThat(validate(course)).as(m.name()).anySatisfy(p -> assertThat(p).startsWith(m.expected()));
    }

    @Test
    void a_chapter_present_in_one_language_only_is_reported() throws IOException {
        Path course = copyFixture();
        Files.copy(course.resolve("src/docs/fr/two.adoc"), course.resolve("src/docs/fr/three.adoc"));
        assertThat(validate(course)).contains("src/docs/fr/three.adoc:1: chapter \"three\" exists in French but not in English:"
                + " write src/docs/en/three.adoc");
    }

    @Test
    void a_chapter_whose_file_name_is_not_an_id_is_reported() throws IOException {
        Path course = copyFixture();
        for (String lang : List.of("fr", "en")) {
            Files.move(course.resolve("src/docs/" + lang + "/two.adoc"), course.resolve("src/docs/" + lang + "/Two Words.adoc"));
        }
        assertThat(validate(course)).anySatisfy(p -> assertThat(p).startsWith("src/docs/fr/Two Words.adoc:1: chapter id \"Two Words\""));
    }

    @Test
    void a_quiz_for_a_chapter_that_does_not_exist_is_reported() throws IOException {
        Path course = copyFixture();
        Files.copy(course.resolve("src/quiz/one.yaml"), course.resolve("src/quiz/three.yaml"));
        assertThat(validate(course)).contains("src/quiz/three.yaml:1: quiz for chapter \"three\": no such chapter in src/docs");
    }

    @Test
    void a_chapter_without_a_quiz_is_reported_on_its_first_line() throws IOException {
        Path course = copyFixture();
        Files.delete(course.resolve("src/quiz/two.yaml"));
        assertThat(validate(course)).containsExactly("src/docs/fr/two.adoc:1: chapter \"two\" has no quiz: write src/quiz/two.yaml"
                + " (five questions or more; its format is in course-material/README.md)");
    }

    @Test
    void the_build_stops_on_mistakes_and_names_every_one() throws IOException {
        Path course = copyFixture();
        Path one = course.resolve("src/docs/en/one.adoc");
        Files.writeString(one, Files.readString(one).replace("tag=hello", "tag=goodbye").replace("alpha[Alpha]", "gamma[Gamma]"));
        Path out = dir.resolve("out");
        assertThatThrownBy(() -> new CourseBuild(course.resolve("src"), course.resolve("labs")).build(out, dir.resolve("gen")))
                .isInstanceOf(CourseException.class)
                .hasMessageContaining("mistake(s) in the course's sources")
                .hasMessageContaining("src/docs/en/one.adoc:13: include of")
                .hasMessageContaining("src/docs/en/one.adoc:21: no lab \"gamma\"");
        assertThat(out).as("nothing half-written").doesNotExist();
    }

    @Test
    void an_unchanged_course_stages_nothing_for_asciidoctor_and_a_change_stages_every_page_again() throws IOException {
        Path course = copyFixture();
        Path out = dir.resolve("classes/jlab/course"), gen = dir.resolve("target/generated-adoc");
        CourseBuild build = new CourseBuild(course.resolve("src"), course.resolve("labs"));
        build.build(out, gen);
        assertThat(gen.resolve("pages/fr/one.adoc")).content().startsWith("include::").endsWith("src/docs/fr/one.adoc[]\n");
        assertThat(gen.resolve("book/en/book.adoc")).exists();
        assertThat(out.resolve("fr/glossary.html")).content().contains("<a id=\"glossary-term\"></a>terme (en: <em>term</em>)");

        new CourseBuild(course.resolve("src"), course.resolve("labs")).build(out, gen);
        assertThat(gen.resolve("pages")).as("not done yet: Asciidoctor did not finish, so all is staged again").exists();

        CourseBuild.main(new String[] {"--done", gen.toString()}); // what Maven runs once Asciidoctor succeeded
        new CourseBuild(course.resolve("src"), course.resolve("labs")).build(out, gen);
        assertThat(gen.resolve("pages")).as("up to date: nothing to render").doesNotExist();
        assertThat(out.resolve("chapters.json")).as("and what was rendered stays").exists();

        Path two = course.resolve("src/docs/en/two.adoc");
        Files.writeString(two, Files.readString(two).replace("None.", "None yet."));
        new CourseBuild(course.resolve("src"), course.resolve("labs")).build(out, gen);
        assertThat(gen.resolve("pages/en/two.adoc")).as("a changed chapter: everything staged again").exists();
        assertThat(gen.resolve("pages/fr/one.adoc")).exists();
    }

    private static List<String> validate(Path course) throws IOException {
        return new CourseBuild(course.resolve("src"), course.resolve("labs")).validate();
    }

    private Path copyFixture() throws IOException {
        Path target = dir.resolve("course");
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            files.forEach(f -> {
                try {
                    Path t = target.resolve(FIXTURE.relativize(f).toString());
                    if (Files.isDirectory(f)) Files.createDirectories(t);
                    else Files.copy(f, t);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return target;
    }
}
