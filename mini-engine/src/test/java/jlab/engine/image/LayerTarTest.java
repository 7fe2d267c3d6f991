package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.EngineException;
import jlab.kernel.syscall.Syscalls;

/**
 * Layers as tars and back, on the real filesystem: owners, modes (setuid too), links, and the two
 * spellings of a deletion — overlayfs's 0/0 device and opaque xattr on disk, OCI's .wh. files in the
 * tar. Root is needed: only root makes device nodes, sets "trusted." xattrs and gives files away.
 */
@Tag("kernel")
class LayerTarTest {
    @TempDir Path tmp;

    @BeforeEach
    void root() {
        assumeTrue(Syscalls.get().geteuid() == 0, "requires root: whiteouts are device nodes and trusted.* xattrs");
    }

    private static byte[] tar(Path dir, java.util.Set<String> skipped) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new LayerWriter(dir, FileTime.fromMillis(0), skipped).writeTo(out);
        return out.toByteArray();
    }

    private static List<String> names(byte[] tar) throws IOException {
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) names.add(e.getName());
        }
        return names;
    }

    private static Map<String, Object> attrs(Path p) throws IOException {
        return Files.readAttributes(p, "unix:mode,uid,gid,rdev", LinkOption.NOFOLLOW_LINKS);
    }

    @Test
    void a_tree_survives_the_round_trip_with_owners_modes_and_links() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.createDirectories(src.resolve("usr/bin"));
        Path tool = Files.writeString(src.resolve("usr/bin/tool"), "#!/bin/sh\necho tool\n");
        Files.setAttribute(tool, "unix:uid", 1000);
        Files.setAttribute(tool, "unix:gid", 50);
        Files.setAttribute(tool, "unix:mode", 04755);
        Files.createSymbolicLink(src.resolve("usr/bin/t"), Path.of("tool"));
        Files.createLink(src.resolve("usr/bin/tool2"), tool);

        Path dst = Files.createDirectories(tmp.resolve("dst"));
        new LayerReader(dst, "test layer").unpack(new ByteArrayInputStream(tar(src, java.util.Set.of())));

        assertThat(dst.resolve("usr/bin/tool")).hasContent("#!/bin/sh\necho tool");
        Map<String, Object> a = attrs(dst.resolve("usr/bin/tool"));
        assertThat(a.get("uid")).isEqualTo(1000);
        assertThat(a.get("gid")).isEqualTo(50);
        assertThat((Integer) a.get("mode") & 07777).as("setuid kept after the chown").isEqualTo(04755);
        assertThat(Files.readSymbolicLink(dst.resolve("usr/bin/t"))).isEqualTo(Path.of("tool"));
        assertThat(Files.isSameFile(dst.resolve("usr/bin/tool"), dst.resolve("usr/bin/tool2"))).as("a hard link stays one").isTrue();
    }

    @Test
    void the_same_tree_with_a_fixed_time_gives_the_same_bytes() throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("b"), "b");
        Files.writeString(src.resolve("a"), "a");
        byte[] first = tar(src, java.util.Set.of());
        Files.setLastModifiedTime(src.resolve("a"), FileTime.fromMillis(123456789));
        assertThat(tar(src, java.util.Set.of())).isEqualTo(first);
        assertThat(names(first)).containsExactly("a", "b");
    }

    @Test
    void overlayfs_whiteouts_become_wh_files_and_come_back_as_whiteouts() throws IOException {
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Syscalls.get().mknod(upper.resolve("etc/motd").toString(), 0020000, 0, 0, 0); // "rm /etc/motd" in a container
        Path opaque = Files.createDirectories(upper.resolve("var/cache"));
        Syscalls.get().lsetxattr(opaque.toString(), Whiteouts.OPAQUE_XATTR, new byte[] {'y'}); // "rm -r; mkdir" of a dir

        byte[] tar = tar(upper, java.util.Set.of());
        assertThat(names(tar)).contains("etc/.wh.motd", "var/cache/.wh..wh..opq").doesNotContain("etc/motd");

        Path layer = Files.createDirectories(tmp.resolve("layer"));
        new LayerReader(layer, "test layer").unpack(new ByteArrayInputStream(tar));
        assertThat(Whiteouts.isWhiteout(layer.resolve("etc/motd"))).isTrue();
        assertThat(layer.resolve("etc/.wh.motd")).doesNotExist();
        assertThat(Syscalls.get().lgetxattr(layer.resolve("var/cache").toString(), Whiteouts.OPAQUE_XATTR))
                .isEqualTo(new byte[] {'y'});
    }

    @Test
    void a_file_is_looked_up_through_the_layers_as_overlayfs_does() throws IOException {
        Path lower = Files.createDirectories(tmp.resolve("lower"));
        Files.createDirectories(lower.resolve("etc"));
        Files.writeString(lower.resolve("etc/motd"), "hello");
        Files.writeString(lower.resolve("etc/issue"), "jlab");
        Files.createDirectories(lower.resolve("var/cache"));
        Files.writeString(lower.resolve("var/cache/old"), "old");
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.createDirectories(upper.resolve("etc"));
        Syscalls.get().mknod(upper.resolve("etc/motd").toString(), 0020000, 0, 0, 0);
        Files.createDirectories(upper.resolve("var/cache"));
        Syscalls.get().lsetxattr(upper.resolve("var/cache").toString(), Whiteouts.OPAQUE_XATTR, new byte[] {'y'});
        Image image = new Image("test", null, List.of(lower, upper), null);

        assertThat(image.file("etc/motd")).as("a whiteout hides it").isEmpty();
        assertThat(image.file("/etc/issue")).contains(lower.resolve("etc/issue"));
        assertThat(image.file("var/cache/old")).as("an opaque directory hides what is below it").isEmpty();
    }

    @Test
    void skipped_paths_are_left_out_of_the_layer() throws IOException {
        Path upper = Files.createDirectories(tmp.resolve("upper"));
        Files.createDirectories(upper.resolve("proc"));
        Files.createDirectories(upper.resolve("etc"));
        Files.writeString(upper.resolve("etc/hosts"), "");
        Files.writeString(upper.resolve("etc/app.conf"), "x=1");
        assertThat(names(tar(upper, java.util.Set.of("proc", "etc/hosts")))).containsExactly("etc/", "etc/app.conf");
    }

    @Test
    void an_entry_that_climbs_out_with_dot_dot_is_refused() throws IOException {
        byte[] evil = tarOf(List.<Object[]>of(file("../escaped", "x")));
        Path layer = Files.createDirectories(tmp.resolve("layer"));
        assertThatThrownBy(() -> new LayerReader(layer, "layer 1 of evil.tar").unpack(new ByteArrayInputStream(evil)))
                .isInstanceOf(EngineException.class).hasMessageContaining("layer 1 of evil.tar").hasMessageContaining("'..'");
        assertThat(tmp.resolve("escaped")).doesNotExist();
    }

    @Test
    void an_entry_through_a_symlink_of_the_layer_is_refused() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        TarArchiveEntry link = new TarArchiveEntry("etc", TarConstants.LF_SYMLINK);
        link.setLinkName(outside.toString());
        byte[] evil = tarOf(List.<Object[]>of(new Object[] {link, null}, file("etc/passwd", "root::0:0::/:/bin/sh")));
        Path layer = Files.createDirectories(tmp.resolve("layer"));
        assertThatThrownBy(() -> new LayerReader(layer, "evil layer").unpack(new ByteArrayInputStream(evil)))
                .isInstanceOf(EngineException.class).hasMessageContaining("goes through the symlink etc");
        assertThat(outside.resolve("passwd")).doesNotExist();
    }

    private static Object[] file(String name, String content) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        e.setSize(b.length);
        return new Object[] {e, b};
    }

    private static byte[] tarOf(List<Object[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Object[] e : entries) {
                tar.putArchiveEntry((TarArchiveEntry) e[0]);
                if (e[1] != null) tar.write((byte[]) e[1]);
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }
}
