package jlab.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.EngineException;

/**
 * A mount target resolved inside a root, as runc's securejoin: a symlink in the image never leads out of it.
 * On a real directory tree (the same code reads /proc/PID/root/... at run time).
 */
class TargetResolverTest {
    @TempDir Path tmp;
    Path root;
    TargetResolver resolver;

    @BeforeEach
    void image() throws IOException {
        root = Files.createDirectories(tmp.resolve("rootfs"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve("var/lib"));
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        resolver = new TargetResolver(root);
    }

    @Test
    void a_plain_path_is_itself() {
        assertThat(resolver.resolve("/var/lib/data")).isEqualTo("/var/lib/data");
    }

    @Test
    void an_absolute_symlink_that_climbs_stays_inside_the_root() throws IOException {
        Files.createSymbolicLink(root.resolve("data"), Path.of("/../../etc"));
        assertThat(resolver.resolve("/data")).isEqualTo("/etc");
        assertThat(resolver.resolve("/data/app")).isEqualTo("/etc/app");
    }

    @Test
    void a_relative_symlink_that_climbs_stays_inside_the_root() throws IOException {
        Files.createSymbolicLink(root.resolve("var/lib/up"), Path.of("../../../../../../tmp"));
        assertThat(resolver.resolve("/var/lib/up/x")).isEqualTo("/tmp/x");
    }

    @Test
    void chained_symlinks_are_each_followed_within_the_root() throws IOException {
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("/var/../etc"));
        assertThat(resolver.resolve("/a")).isEqualTo("/etc");
    }

    @Test
    void a_symlink_loop_ends_with_one_line() throws IOException {
        Files.createSymbolicLink(root.resolve("loop"), Path.of("/loop"));
        assertThatThrownBy(() -> resolver.resolve("/loop/x")).isInstanceOf(EngineException.class)
                .hasMessageContaining("too many levels of symbolic links");
    }

    @Test
    void ensure_makes_missing_directories_under_the_root_only() throws IOException {
        Files.createSymbolicLink(root.resolve("escape"), Path.of("/../../" + tmp.getFileName() + "-outside/deep"));
        String resolved = resolver.resolve("/escape/x");
        resolver.ensure(resolved, true);
        assertThat(Files.isDirectory(root.resolve(resolved.substring(1)))).isTrue();
        assertThat(tmp.getParent().resolve(tmp.getFileName() + "-outside")).doesNotExist();
    }

    @Test
    void ensure_makes_an_empty_file_for_a_file_bind() throws IOException {
        resolver.ensure("/etc/app/config.yml", false);
        assertThat(Files.isRegularFile(root.resolve("etc/app/config.yml"))).isTrue();
        resolver.ensure("/etc/passwd", false);
        assertThat(Files.readString(root.resolve("etc/passwd"))).as("an existing file is left as it is").startsWith("root");
    }

    @Test
    void a_directory_onto_a_file_is_one_line() {
        assertThatThrownBy(() -> resolver.ensure("/etc/passwd/x", true)).isInstanceOf(EngineException.class)
                .hasMessageContaining("it is a file in the image");
    }
}
