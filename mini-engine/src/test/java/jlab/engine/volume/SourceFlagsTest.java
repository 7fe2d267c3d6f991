package jlab.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.proc.MountInfo;
import jlab.kernel.syscall.MountFlag;

/** A read-only remount repeats the flags of the mount the source lives on (a remount replaces them). */
class SourceFlagsTest {
    private static MountInfo mount(int id, String point, String options) {
        return new MountInfo(id, 1, "0:" + id, "/", point, options, List.of(), "tmpfs", "tmpfs", "rw");
    }

    private static final List<MountInfo> HOST = List.of(
            mount(1, "/", "rw,relatime"),
            mount(2, "/home", "rw,nosuid,nodev,relatime"),
            mount(3, "/srv", "rw,noexec,noatime"),
            mount(4, "/srv", "rw,nosuid,relatime")); // mounted over the first /srv: it is the one seen

    @Test
    void the_longest_mount_point_that_holds_the_source_gives_its_flags() {
        assertThat(SourceFlags.of(HOST, Path.of("/home/ana/site"))).containsExactlyInAnyOrder(MountFlag.NOSUID, MountFlag.NODEV);
        assertThat(SourceFlags.of(HOST, Path.of("/var/www"))).isEmpty();
    }

    @Test
    void of_two_mounts_on_one_point_the_last_is_the_one_seen() {
        assertThat(SourceFlags.of(HOST, Path.of("/srv/site"))).containsExactly(MountFlag.NOSUID);
    }

    @Test
    void a_path_that_only_shares_a_prefix_of_letters_is_not_under_the_mount() {
        assertThat(SourceFlags.of(HOST, Path.of("/homework"))).isEmpty();
    }
}
