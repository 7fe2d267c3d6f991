package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;

class MountInfoTest {
    @TempDir Path tmp;
    private List<MountInfo> mounts;

    @BeforeEach
    void readFixture() {
        mounts = new FakeProc(tmp).fixture(4242, "mountinfo", "mountinfo/docker-container.txt").procFs().mountInfo(4242);
    }

    private MountInfo at(String mountPoint) {
        return mounts.stream().filter(m -> m.mountPoint().equals(mountPoint)).findFirst().orElseThrow();
    }

    @Test
    void every_line_is_one_mount_in_order() {
        assertThat(mounts).hasSize(10);
        assertThat(mounts.get(0).mountPoint()).isEqualTo("/");
        assertThat(mounts).extracting(MountInfo::mountId).startsWith(1083, 1084, 1085);
        assertThat(at("/proc").parentId()).isEqualTo(1083);
        assertThat(at("/proc").fsType()).isEqualTo("proc");
    }

    @Test
    void an_overlay_root_keeps_its_long_super_options_whole() {
        MountInfo root = at("/");

        assertThat(root.fsType()).isEqualTo("overlay");
        assertThat(root.source()).isEqualTo("overlay");
        assertThat(root.majorMinor()).isEqualTo("0:61");
        assertThat(root.superOptions()).startsWith("rw,lowerdir=/var/lib/docker/overlay2/l/7XYQ").endsWith("/work,nouserxattr");
        assertThat(root.superOption("lowerdir").orElseThrow().split(":")).hasSize(4);
        assertThat(root.superOption("upperdir")).hasValueSatisfying(dir -> assertThat(dir).endsWith("/diff"));
        assertThat(root.superOption("nouserxattr")).hasValue("");
        assertThat(root.superOption("index")).isEmpty();
        assertThat(root.propagation()).isEqualTo("master:312");
        assertThat(root.readOnly()).isFalse();
    }

    @Test
    void optional_fields_before_the_separator_vary_in_number() {
        MountInfo data = at("/data");

        assertThat(data.optionalFields()).containsExactly("shared:1", "master:2");
        assertThat(data.propagation()).isEqualTo("shared:1 master:2");
        assertThat(data.isShared()).isTrue();
        assertThat(data.fsType()).isEqualTo("ext4");
        assertThat(data.source()).isEqualTo("/dev/vda1");
        assertThat(data.superOptions()).isEqualTo("rw,discard");
    }

    @Test
    void a_mount_with_no_optional_field_is_private() {
        assertThat(at("/proc").optionalFields()).isEmpty();
        assertThat(at("/proc").propagation()).isEqualTo("private");
        assertThat(at("/proc").isShared()).isFalse();
        assertThat(at("/sys").propagation()).isEqualTo("unbindable");
    }

    @Test
    void mount_points_with_spaces_are_unescaped() {
        MountInfo disk = at("/mnt/my disk");

        assertThat(disk.source()).isEqualTo("my src");
        assertThat(disk.superOptions()).isEqualTo("rw,size=1024k");
        assertThat(at("/data").root()).isEqualTo("/var/lib/docker/volumes/my data/_data");
    }

    @Test
    void tabs_newlines_and_backslashes_in_mount_points_are_unescaped() {
        assertThat(mounts).extracting(MountInfo::mountPoint).contains("/dev/tab\tnl\nbs\\x");
    }

    @Test
    void an_empty_source_is_kept_as_an_empty_field() {
        MountInfo empty = at("/empty");

        assertThat(empty.source()).isEmpty();
        assertThat(empty.fsType()).isEqualTo("tmpfs");
        assertThat(empty.superOptions()).isEqualTo("rw");
    }

    @Test
    void a_bind_mounted_file_shows_the_part_of_the_filesystem_it_comes_from() {
        MountInfo hostname = at("/etc/hostname");

        assertThat(hostname.root()).isEqualTo("/var/lib/docker/containers/5e0d39a3d8c2/hostname");
        assertThat(hostname.readOnly()).as("ro in the mount options").isTrue();
    }

    @Test
    void a_read_only_filesystem_makes_a_read_write_mount_read_only() {
        MountInfo frozen = at("/frozen");

        assertThat(frozen.mountOptions()).startsWith("rw");
        assertThat(frozen.readOnly()).as("ro in the super options").isTrue();
    }

    @Test
    void escaped_commas_in_super_option_values_are_unescaped_after_splitting() {
        // Seen on 6.18 for an overlay whose lowerdir was "/l\,o\=w" (overlay's own escaping).
        MountInfo overlay = MountInfoParser.parseLine(
                "68 43 0:40 / /merged rw,relatime - overlay overlay rw,lowerdir=/t/l\\134\\054o\\134=w,upperdir=/t/up,uuid=on");

        assertThat(overlay.superOption("lowerdir")).hasValue("/t/l\\,o\\=w");
        assertThat(overlay.superOption("uuid")).hasValue("on");
    }

    @Test
    void a_line_without_the_separator_is_rejected_with_the_line() {
        assertThatThrownBy(() -> MountInfoParser.parseLine("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 ext3 /dev/root rw"))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("no ' - ' separator")
                .hasMessageContaining("/mnt2");
    }

    @Test
    void the_man_page_example_parses() {
        MountInfo m = MountInfoParser.parseLine("36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue");

        assertThat(m).isEqualTo(new MountInfo(36, 35, "98:0", "/mnt1", "/mnt2", "rw,noatime", List.of("master:1"),
                "ext3", "/dev/root", "rw,errors=continue"));
    }
}
