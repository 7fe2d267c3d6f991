package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.syscall.Syscalls;

/** export merges an upper directory over layers as overlayfs does: what the container sees, no whiteout left. */
class RootfsExportTest {
    @TempDir Path tmp;
    Path lower;
    Path middle;
    Path upper;

    @BeforeEach
    void layers() throws IOException {
        assumeTrue(Syscalls.get().geteuid() == 0, "whiteouts are device nodes and opaque directories trusted.* xattrs: needs root");
        lower = Files.createDirectories(tmp.resolve("lower"));
        middle = Files.createDirectories(tmp.resolve("middle"));
        upper = Files.createDirectories(tmp.resolve("upper"));
    }

    private static void write(Path p, String content) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static void whiteout(Path p) { Syscalls.get().mknod(p.toString(), 0020000, 0, 0, 0); }

    private List<String> export() throws IOException {
        Image image = new Image("test", null, List.of(lower, middle), ImageConfig.Settings.EMPTY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RootfsExport.write(image, upper, out);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream t = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) {
                names.add(e.getName() + (e.isFile() ? "=" + new String(t.readAllBytes()) : ""));
            }
        }
        return names;
    }

    @Test
    void the_highest_copy_wins_and_a_whiteout_deletes() throws IOException {
        write(lower.resolve("etc/passwd"), "lower");
        write(lower.resolve("etc/group"), "g");
        write(middle.resolve("etc/passwd"), "middle");
        write(upper.resolve("etc/hostname"), "box");
        whiteout(upper.resolve("etc/group"));
        assertThat(export()).containsExactly("etc/", "etc/hostname=box", "etc/passwd=middle");
    }

    @Test
    void an_opaque_directory_hides_the_layers_below_and_a_file_ends_the_merge() throws IOException {
        write(lower.resolve("srv/old"), "old");
        write(lower.resolve("var/lib/x"), "x");
        write(middle.resolve("srv/new"), "new");
        Syscalls.get().lsetxattr(middle.resolve("srv").toString(), Whiteouts.OPAQUE_XATTR, new byte[] {'y'});
        write(middle.resolve("var"), "now a file");
        write(upper.resolve("srv/top"), "top");
        assertThat(export()).containsExactly("srv/", "srv/new=new", "srv/top=top", "var=now a file");
    }
}
