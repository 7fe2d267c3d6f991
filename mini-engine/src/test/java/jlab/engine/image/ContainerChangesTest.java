package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.syscall.Syscalls;

/**
 * What {@code jlab diff} lists of a container's upper directory: what the container changed, not
 * the placeholders jlab made to run it (Docker keeps those in an init layer, never listed).
 */
class ContainerChangesTest {
    @TempDir Path tmp;
    Path layer;
    Path upper;
    Image image;

    @BeforeEach
    void anImageWithAnEtc() throws IOException {
        layer = Files.createDirectories(tmp.resolve("layer/etc"));
        Files.setPosixFilePermissions(layer, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(layer.resolve("passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        upper = Files.createDirectories(tmp.resolve("upper"));
        image = new Image("img", null, List.of(tmp.resolve("layer")), null);
    }

    /** /etc copied up by overlayfs, as it is when jlab creates the resolv.conf placeholder in it. */
    private Path copiedUpEtc() throws IOException {
        Path etc = Files.createDirectories(upper.resolve("etc"));
        Files.setPosixFilePermissions(etc, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createFile(etc.resolve("resolv.conf"));
        return etc;
    }

    @Test
    void a_container_that_changed_nothing_has_no_changes_though_etc_holds_the_placeholders() throws IOException {
        copiedUpEtc();
        assertThat(new ContainerChanges(upper, image).list()).isEmpty();
    }

    @Test
    void a_file_written_in_etc_shows_etc_changed_and_the_file_added() throws IOException {
        Files.writeString(copiedUpEtc().resolve("motd"), "hi\n");
        assertThat(new ContainerChanges(upper, image).list()).extracting(Object::toString)
                .containsExactly("C /etc", "A /etc/motd");
    }

    @Test
    void etc_whose_mode_the_container_changed_is_listed() throws IOException {
        Files.setPosixFilePermissions(copiedUpEtc(), PosixFilePermissions.fromString("rwx------"));
        assertThat(new ContainerChanges(upper, image).list()).extracting(Object::toString).containsExactly("C /etc");
    }

    /**
     * {@code rm -rf /etc; mkdir /etc} in a container: overlayfs marks the new /etc opaque (the image's
     * no longer shows through). Docker prints it deleted, then what the new one holds.
     */
    @Test
    void a_directory_deleted_and_made_again_is_deleted_then_its_files_are_listed() throws IOException {
        assumeTrue(Syscalls.get().geteuid() == 0, "requires root: trusted.* xattrs");
        Path etc = Files.createDirectories(upper.resolve("etc"));
        Syscalls.get().lsetxattr(etc.toString(), "trusted.overlay.opaque", new byte[] {'y'});
        Files.writeString(etc.resolve("passwd"), "web:x:1:1::/:/bin/sh\n");
        Files.writeString(etc.resolve("motd"), "hi\n");
        assertThat(new ContainerChanges(upper, image).list()).extracting(Object::toString)
                .containsExactly("D /etc", "A /etc/motd", "C /etc/passwd");
        Files.createDirectories(upper.resolve("srv"));
        Syscalls.get().lsetxattr(upper.resolve("srv").toString(), "trusted.overlay.opaque", new byte[] {'y'});
        assertThat(new ContainerChanges(upper, image).list()).extracting(Object::toString)
                .as("opaque, but the image had no /srv: added").contains("A /srv");
    }
}
