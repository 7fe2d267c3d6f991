package jlab.web.course;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

import jlab.labs.model.Lang;

/** The course read from the class path: the test fixture under src/test/resources/jlab/course, or nothing. */
class CourseTest {
    private final Course course = Course.fromClassPath();

    @Test
    void the_outline_lists_the_chapters_in_order_with_their_labs_and_sections() {
        assertThat(course.built()).isTrue();
        assertThat(course.ids()).containsExactly("chroot", "namespaces", "cgroups");
        Chapter ns = course.find("namespaces").orElseThrow();
        assertThat(ns.number()).isEqualTo(2);
        assertThat(ns.title().in(Lang.FR)).isEqualTo("Les espaces de noms");
        assertThat(ns.labs()).containsExactly("uts-namespace", "pid-namespace");
        assertThat(ns.sections()).extracting(Chapter.Section::id).containsExactly("uts");
        assertThat(course.previous("namespaces")).map(Chapter::id).hasValue("chroot");
        assertThat(course.next("namespaces")).map(Chapter::id).hasValue("cgroups");
        assertThat(course.previous("chroot")).isEmpty();
        assertThat(course.next("cgroups")).isEmpty();
    }

    @Test
    void a_chapters_fragment_is_read_in_each_language_and_an_unknown_one_is_empty() {
        assertThat(course.html("namespaces", Lang.EN)).get().asString().contains("Chapter namespaces (fixture)");
        assertThat(course.html("namespaces", Lang.FR)).get().asString().contains("Chapitre namespaces (fixture)");
        assertThat(course.html("nope", Lang.EN)).isEmpty();
        assertThat(course.html("../../labs/catalogue", Lang.EN)).as("only chapters of the outline are read").isEmpty();
    }

    @Test
    void without_course_material_on_the_class_path_the_course_is_not_built() throws Exception {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            Course none = Course.from(empty);
            assertThat(none.built()).isFalse();
            assertThat(none.chapters()).isEmpty();
            assertThat(none.html("namespaces", Lang.EN)).isEmpty();
        }
    }
}
