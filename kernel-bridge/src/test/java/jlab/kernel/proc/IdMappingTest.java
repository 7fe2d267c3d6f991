package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdMappingTest {
    @TempDir Path tmp;

    @Test
    void root_inside_a_rootless_container_is_100000_outside() {
        List<IdMapping> map = new FakeProc(tmp).fixture(4242, "uid_map", "idmap/rootless-uid_map.txt").procFs().uidMap(4242);

        assertThat(map).containsExactly(new IdMapping(0, 100000, 65536));
        assertThat(map.get(0).toOutside(0)).isEqualTo(100000);
        assertThat(map.get(0).toOutside(65535)).isEqualTo(165535);
        assertThat(map.get(0).containsInside(65536)).isFalse();
        assertThatThrownBy(() -> map.get(0).toOutside(65536)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_map_of_several_lines_is_looked_up_line_by_line() {
        List<IdMapping> map = new FakeProc(tmp).fixture(4242, "gid_map", "idmap/two-line-gid_map.txt").procFs().gidMap(4242);

        assertThat(map).containsExactly(new IdMapping(0, 100000, 65536), new IdMapping(65536, 1000, 1));
        assertThat(IdMapping.toOutside(map, 65536)).hasValue(1000);
        assertThat(IdMapping.toOutside(map, 7)).hasValue(100007);
        assertThat(IdMapping.toOutside(map, 65537)).as("unmapped: shows as 65534").isEmpty();
    }

    @Test
    void the_initial_namespace_maps_every_id_to_itself() {
        List<IdMapping> map = new FakeProc(tmp).fixture(1, "uid_map", "idmap/initial-namespace.txt").procFs().uidMap(1);

        assertThat(map).containsExactly(new IdMapping(0, 0, 4294967295L));
        assertThat(IdMapping.toOutside(map, 4294967294L)).hasValue(4294967294L);
    }

    @Test
    void a_new_user_namespace_has_an_empty_map_until_written() {
        assertThat(new FakeProc(tmp).file(4242, "uid_map", "").procFs().uidMap(4242)).isEmpty();
    }
}
