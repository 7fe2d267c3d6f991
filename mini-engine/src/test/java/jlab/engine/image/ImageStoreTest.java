package jlab.engine.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.EngineException;

/** The built-in busybox image, and directories used as images with --rootfs. */
class ImageStoreTest {
    @TempDir Path tmp;

    @Test
    void an_unknown_image_is_refused_with_what_exists_instead() {
        ImageStore store = new ImageStore(tmp.resolve("images"));
        assertThatThrownBy(() -> store.resolve("nosuch"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("Unable to find image 'nosuch'")
                .hasMessageContaining("busybox")
                .hasMessageContaining("--rootfs");
        assertThat(tmp.resolve("images")).doesNotExist();
    }

    @Test
    void only_the_latest_tag_names_the_built_in_busybox() {
        ImageStore store = new ImageStore(tmp.resolve("images"));
        assertThatThrownBy(() -> store.resolve("busybox:1.36"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("Unable to find image 'busybox:1.36'");
    }

    @Test
    void a_rootfs_that_does_not_exist_is_refused() {
        Path missing = tmp.resolve("no/such/dir");
        assertThatThrownBy(() -> ImageStore.directory(missing))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("--rootfs " + missing + ": no such directory");
    }

    @Test
    void a_file_is_not_a_rootfs() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThatThrownBy(() -> ImageStore.directory(file)).isInstanceOf(EngineException.class);
    }

    @Test
    void a_rootfs_directory_is_an_image_with_no_default_command() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("rootfs"));
        Image image = ImageStore.directory(dir.resolve("../rootfs"));
        assertThat(image.rootfs()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(image.name()).isEqualTo(image.rootfs().toString());
        assertThat(image.defaultCommand()).isEmpty();
        assertThat(image.env()).containsExactly(Image.DEFAULT_PATH);
        assertThat(image.workdir()).isEqualTo("/");
    }

    @Test
    void busybox_latest_is_built_from_the_hosts_static_busybox() throws IOException {
        Path busybox = Path.of("/bin/busybox");
        assumeTrue(Files.isExecutable(busybox) && BusyboxImage.isStaticElf(busybox),
                "needs the host's static busybox at /bin/busybox (apt-get install busybox-static)");
        ImageStore store = new ImageStore(tmp.resolve("images"));
        assertThat(store.names()).isEmpty();

        Image image = store.resolve("busybox:latest");

        assertThat(image.name()).isEqualTo("busybox");
        assertThat(image.rootfs()).isEqualTo(tmp.resolve("images/busybox/rootfs"));
        assertThat(image.defaultCommand()).containsExactly("sh");
        assertThat(image.rootfs().resolve("bin/busybox")).isExecutable();
        assertThat(Files.readSymbolicLink(image.rootfs().resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
        assertThat(Files.readString(image.rootfs().resolve("etc/passwd"))).contains("nobody:x:65534:65534:");
        assertThat(Passwd.resolve(image.rootfs(), "nobody:nogroup").gid()).isEqualTo(65534);
        assertThat(store.names()).containsExactly("busybox");
        assertThat(store.resolve("busybox")).isEqualTo(image);
        try (var siblings = Files.list(image.rootfs().getParent())) {
            assertThat(siblings).as("no half-built directory is left").containsExactly(image.rootfs());
        }
    }
}
