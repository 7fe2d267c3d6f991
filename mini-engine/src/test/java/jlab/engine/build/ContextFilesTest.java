package jlab.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What COPY may read of the context (never outside it), and the digest that keys its cache. */
class ContextFilesTest {
    @TempDir Path tmp;
    Path ctx;
    final Instruction copy = DockerfileParser.parse("FROM busybox\nCOPY x y\n", "Dockerfile").instructions().get(1);

    @BeforeEach
    void context() throws IOException {
        ctx = Files.createDirectories(tmp.resolve("ctx"));
        Files.writeString(ctx.resolve("a.txt"), "a\n");
        Files.writeString(ctx.resolve("b.txt"), "b\n");
        Files.createDirectories(ctx.resolve("src/sub"));
        Files.writeString(ctx.resolve("src/main.c"), "int main;\n");
        Files.writeString(ctx.resolve("src/sub/x.log"), "log\n");
        Files.writeString(tmp.resolve("secret"), "outside\n");
    }

    private List<String> matched(ContextFiles files, String given) {
        return files.match(given, copy).stream().map(SourceFiles.Source::relative).toList();
    }

    @Test
    void a_path_that_climbs_out_of_the_context_is_refused_in_one_line() {
        ContextFiles files = new ContextFiles(ctx);
        assertThatThrownBy(() -> files.match("../secret", copy)).isInstanceOf(BuildException.class)
                .hasMessageStartingWith("Dockerfile:2: COPY ../secret: forbidden path outside the build context");
        assertThatThrownBy(() -> files.match("src/../../secret", copy)).hasMessageContaining("forbidden path outside");
        assertThat(matched(files, "src/../a.txt")).as("'..' that stays inside is fine").containsExactly("a.txt");
        assertThat(matched(files, "/a.txt")).as("a leading / is the context's root").containsExactly("a.txt");
    }

    @Test
    void a_symlink_that_leads_outside_is_refused_and_one_inside_is_followed() throws IOException {
        Files.createSymbolicLink(ctx.resolve("escape"), tmp.resolve("secret"));
        Files.createSymbolicLink(ctx.resolve("up"), Path.of("../"));
        Files.createSymbolicLink(ctx.resolve("inside"), Path.of("a.txt"));
        ContextFiles files = new ContextFiles(ctx);
        assertThatThrownBy(() -> files.match("escape", copy))
                .hasMessageStartingWith("Dockerfile:2: COPY escape: leads through a symlink to " + tmp.toRealPath().resolve("secret"))
                .hasMessageEndingWith("outside the build context (" + ctx.toRealPath() + "): refused");
        assertThatThrownBy(() -> files.match("up/secret", copy)).hasMessageContaining("outside the build context");
        SourceFiles.Source s = files.match("inside", copy).get(0);
        assertThat(s.name()).isEqualTo("inside");
        assertThat(s.path()).isEqualTo(ctx.toRealPath().resolve("a.txt"));
    }

    @Test
    void wildcards_match_one_component_at_a_time_in_name_order() {
        ContextFiles files = new ContextFiles(ctx);
        assertThat(matched(files, "*.txt")).containsExactly("a.txt", "b.txt");
        assertThat(matched(files, "src/*.c")).containsExactly("src/main.c");
        assertThat(matched(files, "s?c/sub/*")).containsExactly("src/sub/x.log");
        assertThatThrownBy(() -> files.match("*.none", copy)).hasMessageContaining("no file of the build context matches");
        assertThatThrownBy(() -> files.match("missing", copy)).hasMessageContaining("COPY missing: no such file in the build context");
    }

    @Test
    void dockerignore_hides_files_from_copy_and_from_a_directorys_walk() throws IOException {
        Files.writeString(ctx.resolve(".dockerignore"), "*.txt\n!b.txt\n**/*.log\n");
        ContextFiles files = new ContextFiles(ctx);
        assertThatThrownBy(() -> files.match("a.txt", copy)).hasMessageContaining("(or .dockerignore excludes it)");
        assertThat(matched(files, "*.txt")).containsExactly("b.txt");
        List<String> walked = files.walk(files.match(".", copy).get(0)).stream().map(FileEntry::relative).toList();
        assertThat(walked).contains("", ".dockerignore", "b.txt", "src", "src/main.c", "src/sub")
                .doesNotContain("a.txt", "src/sub/x.log");
    }

    @Test
    void the_digest_changes_with_content_mode_and_names_and_not_with_times() throws IOException {
        ContextFiles files = new ContextFiles(ctx);
        List<SourceFiles.Source> src = files.match("src", copy);
        String first = ContentDigest.of(src, files);
        assertThat(first).startsWith("dir:");
        assertThat(ContentDigest.of(src, files)).isEqualTo(first);
        Files.setLastModifiedTime(ctx.resolve("src/main.c"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(ContentDigest.of(src, files)).as("times are left out").isEqualTo(first);
        Files.writeString(ctx.resolve("src/main.c"), "int main2;\n");
        String edited = ContentDigest.of(src, files);
        assertThat(edited).isNotEqualTo(first);
        Files.setPosixFilePermissions(ctx.resolve("src/main.c"), PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThat(ContentDigest.of(src, files)).isNotEqualTo(edited);
        assertThat(ContentDigest.of(files.match("a.txt", copy), files)).startsWith("file:");
        assertThat(ContentDigest.of(files.match("*.txt", copy), files)).startsWith("multi:");
    }

    @Test
    void a_context_that_is_not_a_directory_is_refused() throws IOException {
        assertThatThrownBy(() -> new ContextFiles(tmp.resolve("nosuch"))).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> new ContextFiles(tmp.resolve("secret"))).hasMessageContaining("is not a directory");
    }
}
