package jlab.engine.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** .dockerignore's patterns, as Docker matches them. */
class DockerIgnoreTest {
    private static DockerIgnore of(String... lines) { return DockerIgnore.parse(List.of(lines)); }

    @Test
    void a_star_matches_within_one_directory_only() {
        DockerIgnore i = of("*.log");
        assertThat(i.excluded("a.log")).isTrue();
        assertThat(i.excluded("dir/a.log")).isFalse();
        assertThat(i.excluded("a.txt")).isFalse();
    }

    @Test
    void two_stars_match_any_number_of_directories() {
        DockerIgnore i = of("**/*.log");
        assertThat(i.excluded("a.log")).isTrue();
        assertThat(i.excluded("x/y/z/a.log")).isTrue();
        assertThat(i.excluded("x/a.txt")).isFalse();
        assertThat(of("build/**").excluded("build/x/y")).isTrue();
    }

    @Test
    void a_directory_excludes_everything_under_it() {
        DockerIgnore i = of("node_modules", "/secret/", "./tmp");
        assertThat(i.excluded("node_modules/a/b.js")).isTrue();
        assertThat(i.excluded("secret/key")).isTrue();
        assertThat(i.excluded("tmp")).isTrue();
        assertThat(i.excluded("src/node_modules")).as("only at the context's root").isFalse();
    }

    @Test
    void an_exception_brings_back_what_an_earlier_pattern_excluded_and_the_last_match_wins() {
        DockerIgnore i = of("*.md", "!README.md");
        assertThat(i.excluded("CHANGES.md")).isTrue();
        assertThat(i.excluded("README.md")).isFalse();
        DockerIgnore again = of("*.md", "!README.md", "README*");
        assertThat(again.excluded("README.md")).isTrue();
        assertThat(of("docs", "!docs/keep.txt").excluded("docs/keep.txt")).isFalse();
        assertThat(of("docs", "!docs/keep.txt").hasExceptions()).isTrue();
    }

    @Test
    void comments_blanks_question_marks_and_classes() {
        DockerIgnore i = of("# a comment", "", "   ", "file?.txt", "[ab].c", "[!x]y");
        assertThat(i.excluded("file1.txt")).isTrue();
        assertThat(i.excluded("file10.txt")).isFalse();
        assertThat(i.excluded("a.c")).isTrue();
        assertThat(i.excluded("c.c")).isFalse();
        assertThat(i.excluded("zy")).isTrue();
        assertThat(i.excluded("xy")).isFalse();
        assertThat(i.excluded("# a comment")).isFalse();
    }

    @Test
    void regex_characters_in_names_are_plain() {
        DockerIgnore i = of("a+b(c).txt");
        assertThat(i.excluded("a+b(c).txt")).isTrue();
        assertThat(i.excluded("aab(c).txt")).isFalse();
    }
}
