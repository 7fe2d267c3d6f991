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
    void an_unknown_image_is_refused_with_how_jlab_gets_images() {
        ImageStore store = new ImageStore(tmp.resolve("images"));
        assertThatThrownBy(() -> store.resolve("nosuch"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("Unable to find image 'nosuch'")
                .hasMessageContaining("busybox")
                .hasMessageContaining("jlab build")
                .hasMessageContaining("--rootfs");
        assertThat(tmp.resolve("images/blobs")).doesNotExist();
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
        assertThat(image.layers()).containsExactly(dir.toAbsolutePath().normalize());
        assertThat(image.name()).isEqualTo(image.top().toString());
        assertThat(image.defaultCommand()).isEmpty();
        assertThat(image.env()).containsExactly(Image.DEFAULT_PATH);
        assertThat(image.workdir()).isEqualTo("/");
    }

    @Test
    void busybox_latest_is_made_from_the_hosts_static_busybox_into_an_ordinary_image() throws IOException {
        Path busybox = Path.of("/bin/busybox");
        assumeTrue(Files.isExecutable(busybox) && BusyboxImage.isStaticElf(busybox),
                "needs the host's static busybox at /bin/busybox (apt-get install busybox-static)");
        assumeTrue(jlab.kernel.syscall.Syscalls.get().geteuid() == 0, "unpacking a layer keeps its owners: needs root");
        ImageStore store = new ImageStore(tmp.resolve("images"));
        assertThat(store.names()).isEmpty();

        Image image = store.resolve("busybox:latest");

        assertThat(image.name()).isEqualTo("busybox:latest");
        assertThat(image.id()).startsWith("sha256:");
        assertThat(image.layers()).hasSize(1);
        assertThat(image.layers().get(0).getParent()).isEqualTo(tmp.resolve("images/layers"));
        assertThat(image.defaultCommand()).containsExactly("sh");
        assertThat(image.file("bin/busybox")).get().satisfies(p -> assertThat(p).isExecutable());
        assertThat(Files.readSymbolicLink(image.file("bin/sh").orElseThrow())).isEqualTo(Path.of("busybox"));
        assertThat(Files.readString(image.file("etc/passwd").orElseThrow())).contains("nobody:x:65534:65534:");
        assertThat(Passwd.resolve(image, "nobody:nogroup").gid()).isEqualTo(65534);
        assertThat(store.names()).containsExactly("busybox:latest");
        assertThat(store.resolve("busybox").id()).isEqualTo(image.id());
        assertThat(store.list()).singleElement().satisfies(s -> {
            assertThat(s.tags()).containsExactly("busybox:latest");
            assertThat(s.config().historyOrEmpty()).extracting(ImageConfig.History::createdBy).last().isEqualTo("CMD [\"sh\"]");
        });
        try (var siblings = Files.list(tmp.resolve("images"))) {
            assertThat(siblings.map(p -> p.getFileName().toString()))
                    .as("no half-built directory is left").doesNotContain(".busybox-").allMatch(n -> !n.startsWith(".busybox-"));
        }
    }

    @Test
    void the_busybox_image_made_again_has_the_same_id() {
        Path busybox = Path.of("/bin/busybox");
        assumeTrue(Files.isExecutable(busybox) && BusyboxImage.isStaticElf(busybox), "needs the host's static busybox");
        assumeTrue(jlab.kernel.syscall.Syscalls.get().geteuid() == 0, "unpacking a layer keeps its owners: needs root");
        ImageStore store = new ImageStore(tmp.resolve("images"));
        String first = store.resolve("busybox").id();
        assertThat(store.remove("busybox", false, java.util.Map.of(), java.util.Map.of())).contains("Untagged: busybox:latest", "Deleted: " + first);
        assertThat(tmp.resolve("images/layers")).isEmptyDirectory();
        assertThat(store.resolve("busybox").id()).isEqualTo(first);
    }

    /** A tag spelled in hex digits is that tag first, as in Docker; an ID prefix only when no tag has that name. */
    @Test
    void a_name_is_looked_up_before_an_id_prefix() throws IOException {
        Path busybox = Path.of("/bin/busybox");
        assumeTrue(Files.isExecutable(busybox) && BusyboxImage.isStaticElf(busybox), "needs the host's static busybox");
        assumeTrue(jlab.kernel.syscall.Syscalls.get().geteuid() == 0, "unpacking a layer keeps its owners: needs root");
        ImageStore store = new ImageStore(tmp.resolve("images"));
        StoredImage box = store.require(store.resolve("busybox").id());
        StoredImage other = new ImageImport(store).importTar(new java.io.ByteArrayInputStream(emptyTar()), "-", java.util.List.of(),
                null, java.util.List.of("other:1"));
        String prefix = box.id().hex().substring(0, 6);
        assertThat(store.require(prefix).id()).as("no such tag yet: the ID prefix").isEqualTo(box.id());
        store.tag("other:1", prefix);
        assertThat(store.require(prefix).id()).as("the tag " + prefix + ":latest first").isEqualTo(other.id());
        assertThat(store.require("sha256:" + prefix).id()).as("sha256: is always an ID").isEqualTo(box.id());
    }

    /** A tar of no entry: two blocks of zeros. */
    private static byte[] emptyTar() {
        return new byte[1024];
    }
}
