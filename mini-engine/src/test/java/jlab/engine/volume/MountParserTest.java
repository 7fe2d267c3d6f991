package jlab.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import jlab.engine.EngineException;
import jlab.engine.volume.MountSpec.Type;

/** -v, --mount and --tmpfs read as Docker reads them; bad ones refused with one line, before anything is made. */
class MountParserTest {

    @Test
    void an_absolute_source_is_a_bind_mount_and_v_creates_a_missing_host_directory() {
        MountSpec m = MountParser.volume("/srv/site:/www:ro");
        assertThat(m).isEqualTo(MountSpec.bind("/srv/site", "/www", true, true));
    }

    @Test
    void a_name_is_a_named_volume() {
        assertThat(MountParser.volume("data:/var/lib/data")).isEqualTo(MountSpec.volume("data", "/var/lib/data", false, false));
        assertThat(MountParser.volume("data:/d:ro,nocopy")).isEqualTo(MountSpec.volume("data", "/d", true, true));
    }

    @Test
    void a_lone_path_is_an_anonymous_volume_and_two_fields_may_be_path_and_mode() {
        MountSpec anon = MountParser.volume("/scratch");
        assertThat(anon.anonymous()).isTrue();
        assertThat(anon.target()).isEqualTo("/scratch");
        MountSpec ro = MountParser.volume("/scratch:ro");
        assertThat(ro.anonymous()).isTrue();
        assertThat(ro.readOnly()).isTrue();
    }

    @Test
    void paths_are_cleaned_of_double_slashes_and_dots() {
        assertThat(MountParser.volume("/srv//site/./:/www//html/").target()).isEqualTo("/www/html");
        assertThat(MountParser.volume("/srv/../srv/site:/www").source()).isEqualTo("/srv/site");
    }

    @Test
    void mount_of_each_type() {
        assertThat(MountParser.mount("type=bind,source=/srv/site,target=/www,readonly"))
                .isEqualTo(MountSpec.bind("/srv/site", "/www", true, false));
        assertThat(MountParser.mount("type=volume,src=data,dst=/data,volume-nocopy"))
                .isEqualTo(MountSpec.volume("data", "/data", false, true));
        assertThat(MountParser.mount("target=/data").anonymous()).as("type defaults to volume, as Docker").isTrue();
        MountSpec t = MountParser.mount("type=tmpfs,target=/run,tmpfs-size=64m,tmpfs-mode=1770");
        assertThat(t.type()).isEqualTo(Type.TMPFS);
        assertThat(t.tmpfsOptions()).containsExactly("size=67108864", "mode=1770");
        assertThat(MountParser.mount("type=bind,source=/a,target=/b,readonly=false").readOnly()).isFalse();
    }

    @Test
    void tmpfs_keeps_its_options_and_reads_ro() {
        MountSpec t = MountParser.tmpfs("/scratch:size=64m,mode=1777,exec,ro");
        assertThat(t.target()).isEqualTo("/scratch");
        assertThat(t.tmpfsOptions()).containsExactly("size=64m", "mode=1777", "exec");
        assertThat(t.readOnly()).isTrue();
        assertThat(MountParser.tmpfs("/run").tmpfsOptions()).isEmpty();
    }

    @Test
    void two_mounts_on_one_target_are_refused() {
        List<MountSpec> twice = List.of(MountParser.volume("/a:/x"), MountParser.tmpfs("/x"));
        assertThatThrownBy(() -> MountParser.checkTargets(twice)).hasMessageStartingWith("Duplicate mount point: /x");
    }

    @Test
    void deeper_targets_are_mounted_after_their_parents() {
        MountSpec deep = MountParser.volume("cache:/data/cache");
        MountSpec top = MountParser.volume("data:/data");
        assertThat(deep.depth()).isGreaterThan(top.depth());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/x:www                     | mount path must be absolute",
            "/x:/a/../etc               | holds \"..\"",
            "/x:/..                     | holds \"..\"",
            "./site:/www                | a host path must be absolute",
            "site/a:/www                | a host path must be absolute",
            "..:/www                    | a host path must be absolute",
            "-bad:/www                  | invalid characters for a local volume name",
            "a..b:/www                  | invalid characters for a local volume name",
            "/x:/                       | destination can't be '/'",
            "/x:/y:rx                   | invalid mode: rx",
            "/x:/y:ro,rw                | invalid mode",
            "/x:/y:nocopy               | nocopy",
            "a:b:c:d                    | invalid volume specification",
            ":/y                        | the source is empty",
    })
    void a_bad_v_is_one_line(String spec, String fragment) {
        assertThatThrownBy(() -> MountParser.volume(spec)).isInstanceOf(EngineException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"))
                .satisfies(e -> assertThat(((EngineException) e).exitCode()).isEqualTo(125));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "type=bind,target=/x                       | field Source must not be empty",
            "type=bind,source=rel,target=/x            | mount path must be absolute",
            "type=bind,source=/a                       | target is required",
            "type=tmpfs,source=a,target=/x             | field Source must not be specified",
            "type=bind,source=/a,target=/x,tmpfs-size=1m | field TmpfsOptions must not be specified",
            "type=nfs,target=/x                        | invalid mount type",
            "type=volume,source=a/b,target=/x          | invalid characters",
            "type=tmpfs,target=/x,tmpfs-size=lots      | invalid tmpfs-size",
            "type=tmpfs,target=/x,tmpfs-mode=999       | invalid tmpfs-mode",
            "type=bind,source=/a,target=/x,foo=bar     | unexpected key 'foo'",
            "type=bind,source=/a,target=/x,bogus       | must be a key=value pair",
            "type=bind,source=/a,target=/x,bind-propagation=shared | rprivate",
    })
    void a_bad_mount_is_one_line(String spec, String fragment) {
        assertThatThrownBy(() -> MountParser.mount(spec)).isInstanceOf(EngineException.class).hasMessageContaining(fragment);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "scratch              | mount path must be absolute",
            "/s:size=lots         | invalid tmpfs size",
            "/s:mode=rwx          | invalid tmpfs mode",
            "/s:bogus             | invalid tmpfs option",
            "/s:uid=abc           | invalid tmpfs uid 'abc'",
    })
    void a_bad_tmpfs_is_one_line(String spec, String fragment) {
        assertThatThrownBy(() -> MountParser.tmpfs(spec)).isInstanceOf(EngineException.class).hasMessageContaining(fragment);
    }
}
