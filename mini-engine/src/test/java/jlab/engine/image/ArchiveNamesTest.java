package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The names a saved tarball gives its images, and how a loaded one's entry names are read. */
class ArchiveNamesTest {
    @Test
    void a_name_without_a_registry_is_docker_hubs_in_containerds_annotation() {
        assertThat(ImageSaver.fullName(Reference.parse("web:1"))).isEqualTo("docker.io/library/web:1");
        assertThat(ImageSaver.fullName(Reference.parse("me/web"))).isEqualTo("docker.io/me/web:latest");
        assertThat(ImageSaver.fullName(Reference.parse("registry.example:5000/team/web:2")))
                .isEqualTo("registry.example:5000/team/web:2");
    }

    @Test
    void entry_names_are_relative_and_a_symlink_that_climbs_out_of_the_tarball_names_nothing() {
        assertThat(Tarball.normalize("", "./blobs/sha256/ab/")).isEqualTo("blobs/sha256/ab");
        assertThat(Tarball.normalize("f7fd", "../212e.tar")).isEqualTo("212e.tar");
        assertThat(Tarball.normalize("a", "/etc/passwd")).isEqualTo("etc/passwd");
        assertThat(Tarball.normalize("a", "../../etc/passwd")).isNull();
    }
}
