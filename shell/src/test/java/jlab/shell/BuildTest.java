package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.image.Descriptor;
import jlab.engine.image.ImageConfig;
import jlab.engine.image.ImageStore;
import jlab.engine.image.StoredImage;

/**
 * {@code jlab build} on the real kernel, through the real jlab process: images of several layers that
 * run as built, whiteouts, the cache (reused, and invalidated from the first changed step on), and the
 * mistakes a student makes — each one line, exit code 1, and the host and the image store as they were.
 */
class BuildTest extends RealJlabTest {
    @TempDir Path ctx;
    HostSnapshot before;
    Store storeBefore;
    final List<String> runContainers = new ArrayList<>();

    /** How many images, blobs and unpacked layers the store holds. */
    record Store(int images, int blobs, int layers) {
        Store plus(int i, int b) { return new Store(images + i, blobs + b, layers); }
    }

    private static ImageStore images() { return new ImageStore(state.resolve("images")); }

    private static Store store() {
        return new Store(images().list().size(), count(state.resolve("images/blobs/sha256")), count(state.resolve("images/layers")));
    }

    private static int count(Path dir) {
        if (!Files.isDirectory(dir)) return 0;
        try (Stream<Path> s = Files.list(dir)) {
            return (int) s.filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @BeforeEach
    void snapshot() {
        before = HostSnapshot.take(state);
        storeBefore = store();
    }

    /** Every image a test built goes (prune all, but for busybox, which the class made once). */
    @AfterEach
    void removeTheImagesAndLeaveNothingBehind() {
        ImageStore store = images();
        String busybox = store.require("busybox").id().toString();
        store.prune(true, java.util.Map.of(busybox, "busybox"));
        assertThat(store()).as("images, blobs, layers once the test's images are removed").isEqualTo(storeBefore);
        List<String> changes = HostSnapshot.take(state).changesSince(before).lines().filter(this::ours).toList();
        assertThat(changes).as("the host as it was").isEmpty();
        assertThat(count(state.resolve("images/builds"))).as("a build's scratch directories").isZero();
        assertThat(danglingLinks()).as("short links to removed layers").isEmpty();
    }

    private static List<Path> danglingLinks() {
        Path links = state.resolve("images/l");
        if (!Files.isDirectory(links)) return List.of();
        try (Stream<Path> s = Files.list(links)) {
            return s.filter(p -> !Files.exists(p)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * A change of the host this test's jlab may have made. Mounts and links are host-wide, and the other
     * engines' tests running on this host change them too: of those, only a change that names this state
     * directory, or the veth ({@code vj} + the short id) of one of this test's RUN containers, is ours.
     */
    private boolean ours(String change) {
        boolean hostWide = change.matches("[+-] (mount|link) .*");
        return !hostWide || change.contains(state.toString()) || runContainers.stream().anyMatch(id -> change.contains("vj" + id));
    }

    /** jlab build ARGS; notes the short ids of its RUN containers (" ---> Running in ID"). */
    private JlabProcess.Result build(String... args) {
        String[] words = new String[args.length + 1];
        words[0] = "build";
        System.arraycopy(args, 0, words, 1, args.length);
        var r = jlab.run(words);
        r.out().lines().filter(l -> l.startsWith(" ---> Running in ")).forEach(l -> runContainers.add(l.substring(17)));
        r.err().lines().filter(l -> l.startsWith(" ---> Running in ")).forEach(l -> runContainers.add(l.substring(17)));
        return r;
    }

    private Path write(String name, String content) throws IOException {
        Path p = ctx.resolve(name);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, content);
    }

    private static JlabProcess.Result ok(JlabProcess.Result r) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        return r;
    }

    /** A failed build: exit code 1 and one line on standard error, with {@code fragments}. */
    private static void failsInOneLine(JlabProcess.Result r, String... fragments) {
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(1);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as("one line, no stack trace: " + r.err()).hasSize(1);
        for (String f : fragments) assertThat(lines.get(0)).contains(f);
    }

    private static List<String> steps(JlabProcess.Result r) {
        return r.out().lines().filter(l -> l.startsWith("Step ") || l.equals(" ---> Using cache")).toList();
    }

    private static String builtId(JlabProcess.Result r) {
        return r.out().lines().filter(l -> l.startsWith("Successfully built ")).findFirst().orElseThrow().substring(19);
    }

    private static final String WEB = """
            FROM busybox
            COPY site/ /srv/site/
            RUN echo "built by RUN" > /srv/site/run.txt && mkdir /data
            ENV GREETING="hello from ENV" MODE=prod
            WORKDIR /srv/site
            EXPOSE 8080
            CMD ["sh", "-c", "echo $GREETING; echo $MODE; pwd; cat index.html run.txt; id -u"]
            """;

    @Test
    void a_dockerfile_of_several_layers_builds_an_image_that_runs_its_cmd_with_its_env_workdir_and_files() throws IOException {
        write("Dockerfile", WEB);
        write("site/index.html", "<h1>copied</h1>\n");
        var r = ok(build("-t", "web:1", "-t", "web:latest", ctx.toString()));
        assertThat(steps(r)).containsExactly("Step 1/7 : FROM busybox", "Step 2/7 : COPY site/ /srv/site/",
                "Step 3/7 : RUN echo \"built by RUN\" > /srv/site/run.txt && mkdir /data",
                "Step 4/7 : ENV GREETING=\"hello from ENV\" MODE=prod", "Step 5/7 : WORKDIR /srv/site", "Step 6/7 : EXPOSE 8080",
                "Step 7/7 : CMD [\"sh\", \"-c\", \"echo $GREETING; echo $MODE; pwd; cat index.html run.txt; id -u\"]");
        assertThat(r.out()).containsPattern(" ---> Running in [0-9a-f]{12}\nRemoving intermediate container [0-9a-f]{12}\n")
                .contains("Successfully tagged web:1\nSuccessfully tagged web:latest\n");

        var run = ok(jlab.run("run", "--rm", "web:1"));
        assertThat(run.lines()).containsExactly("hello from ENV", "prod", "/srv/site", "<h1>copied</h1>", "built by RUN", "0");

        StoredImage image = images().require("web:1");
        assertThat(image.id().shortHex()).isEqualTo(builtId(r));
        ImageConfig.Settings settings = image.config().settings();
        assertThat(settings.exposedPorts()).containsOnlyKeys("8080/tcp");
        assertThat(settings.workingDir()).isEqualTo("/srv/site");
        assertThat(settings.env()).contains("GREETING=hello from ENV", "MODE=prod");
        // busybox's one layer, then COPY's and RUN's; the configuration-only steps are empty_layer in the history
        assertThat(image.config().diffIds()).hasSize(3);
        List<ImageConfig.History> h = image.config().historyOrEmpty();
        assertThat(h.subList(h.size() - 6, h.size())).extracting(ImageConfig.History::isEmptyLayer)
                .containsExactly(false, false, true, true, true, true);
        assertThat(h.get(h.size() - 1).createdBy()).isEqualTo(
                "/bin/sh -c #(nop)  CMD [\"sh\",\"-c\",\"echo $GREETING; echo $MODE; pwd; cat index.html run.txt; id -u\"]");
        assertThat(h.get(h.size() - 6).createdBy()).startsWith("/bin/sh -c #(nop) COPY dir:").endsWith(" in /srv/site/");
        assertThat(h.get(h.size() - 5).createdBy()).isEqualTo("/bin/sh -c echo \"built by RUN\" > /srv/site/run.txt && mkdir /data");
        // the steps are kept as intermediate images, the cache: the chain of parents leads to busybox
        assertThat(images().list()).filteredOn(StoredImage::intermediate).hasSize(5);
    }

    @Test
    void a_run_that_deletes_a_file_of_a_lower_layer_leaves_a_whiteout_and_the_file_is_gone() throws IOException {
        write("Dockerfile", "FROM busybox\nRUN rm /etc/group && touch /added\n");
        ok(build("-t", "nogroup", ctx.toString()));
        StoredImage image = images().require("nogroup");
        Descriptor top = image.manifestBody().layers().get(image.manifestBody().layers().size() - 1);
        assertThat(entries(state.resolve("images/blobs/sha256/" + top.digest().hex())))
                .contains("etc/.wh.group", "added").doesNotContain("etc/group", "proc/", "etc/hosts");
        var r = jlab.run("run", "--rm", "nogroup", "sh", "-c", "ls /etc/group; ls /added");
        assertThat(r.err()).contains("/etc/group: No such file or directory");
        assertThat(r.out()).isEqualTo("/added\n");
    }

    private static List<String> entries(Path tar) throws IOException {
        List<String> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(tar); TarArchiveInputStream t = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null) out.add(e.getName());
        }
        return out;
    }

    @Test
    void a_second_build_uses_the_cache_for_every_step_and_gives_the_same_image() throws IOException {
        write("Dockerfile", WEB);
        write("site/index.html", "<h1>copied</h1>\n");
        var first = ok(build("-t", "web:1", ctx.toString()));
        Store afterFirst = store();
        var second = ok(build("-t", "web:1", ctx.toString()));
        assertThat(second.out().lines().filter(l -> l.equals(" ---> Using cache")).count()).as(second.out()).isEqualTo(6);
        assertThat(second.out()).doesNotContain("Running in");
        assertThat(builtId(second)).isEqualTo(builtId(first));
        assertThat(store()).as("nothing new").isEqualTo(afterFirst);
        var quiet = ok(build("-q", "-t", "web:1", ctx.toString()));
        assertThat(quiet.out()).as("-q: the ID alone").isEqualTo(images().require("web:1").id() + "\n");
    }

    @Test
    void editing_a_copied_file_rebuilds_that_step_and_the_later_ones_and_no_cache_rebuilds_all() throws IOException {
        write("Dockerfile", """
                FROM busybox
                ENV STAGE=one
                COPY app.sh /app/
                RUN wc -c /app/app.sh > /app/size
                CMD ["cat", "/app/size"]
                """);
        write("app.sh", "echo one\n");
        ok(build("-t", "app", ctx.toString()));
        assertThat(ok(jlab.run("run", "--rm", "app")).out()).isEqualTo("9 /app/app.sh\n");

        write("app.sh", "echo version two\n");
        var edited = ok(build("-t", "app", ctx.toString()));
        List<String> lines = edited.out().lines().toList();
        assertThat(cachedSteps(lines)).as(edited.out()).containsExactly(2);
        assertThat(ok(jlab.run("run", "--rm", "app")).out()).isEqualTo("17 /app/app.sh\n");

        Files.setLastModifiedTime(ctx.resolve("app.sh"), java.nio.file.attribute.FileTime.fromMillis(0));
        var touched = ok(build("-t", "app", ctx.toString()));
        assertThat(cachedSteps(touched.out().lines().toList())).as("a time is no change").containsExactly(2, 3, 4, 5);

        var noCache = ok(build("--no-cache", "-t", "app", ctx.toString()));
        assertThat(noCache.out()).doesNotContain("Using cache").contains("Running in");
        assertThat(ok(jlab.run("run", "--rm", "app")).out()).isEqualTo("17 /app/app.sh\n");
    }

    /** The numbers of the steps that said "Using cache". */
    private static List<Integer> cachedSteps(List<String> lines) {
        List<Integer> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).equals(" ---> Using cache")) continue;
            String step = lines.get(i - 1);
            out.add(Integer.parseInt(step.substring(5, step.indexOf('/'))));
        }
        return out;
    }

    @Test
    void an_unknown_instruction_names_the_file_and_line_and_makes_nothing() throws IOException {
        write("web.Dockerfile", "FROM busybox\nRUN touch /x\nCPY a b\n");
        var r = build("-f", ctx.resolve("web.Dockerfile").toString(), ctx.toString());
        failsInOneLine(r, "jlab: web.Dockerfile:3: unknown instruction \"CPY\" (did you mean COPY?)");
        assertThat(r.out()).as("checked before any step").isEmpty();
        assertThat(store()).isEqualTo(storeBefore);
    }

    @Test
    void copy_from_outside_the_context_is_refused_in_one_line() throws IOException {
        Path outside = Files.writeString(ctx.getParent().resolve("outside-" + ctx.getFileName()), "secret\n");
        try {
            write("sub/Dockerfile", "FROM busybox\nCOPY ../" + outside.getFileName() + " /\n");
            failsInOneLine(build(ctx.resolve("sub").toString()),
                    "Dockerfile:2: COPY ../" + outside.getFileName() + ": forbidden path outside the build context");
            Files.createSymbolicLink(ctx.resolve("sub/link"), outside);
            write("sub/Dockerfile", "FROM busybox\nCOPY link /\n");
            failsInOneLine(build(ctx.resolve("sub").toString()),
                    "Dockerfile:2: COPY link: leads through a symlink to " + outside.toRealPath(), "outside the build context");
            assertThat(store()).isEqualTo(storeBefore);
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void from_an_unknown_image_is_one_line_and_nothing_is_made() throws IOException {
        write("Dockerfile", "FROM nosuch:1\nRUN touch /x\n");
        var r = build("-t", "never", ctx.toString());
        failsInOneLine(r, "Dockerfile:1: FROM nosuch:1: Unable to find image 'nosuch:1' locally");
        assertThat(store()).isEqualTo(storeBefore);
    }

    @Test
    void a_failing_run_shows_its_output_and_code_and_leaves_only_the_cache_of_the_steps_before_it() throws IOException {
        write("Dockerfile", "FROM busybox\nENV A=1\nRUN echo to-stdout; echo to-stderr >&2; touch /made; exit 3\nCMD [\"sh\"]\n");
        var r = build("-t", "broken", ctx.toString());
        failsInOneLine(r, "jlab: The command '/bin/sh -c echo to-stdout; echo to-stderr >&2; touch /made; exit 3' returned"
                + " a non-zero code: 3");
        assertThat(r.out()).contains("to-stdout\nto-stderr\n").doesNotContain("Successfully");
        // ENV's step succeeded: its image is the cache (a config and a manifest, no layer); nothing of the RUN stays
        assertThat(store()).isEqualTo(storeBefore.plus(1, 2));
        assertThat(images().find("broken")).isEmpty();
        assertThat(images().list()).filteredOn(s -> !s.tags().contains("busybox:latest")).allMatch(StoredImage::intermediate);
        assertThat(ok(jlab.run("images")).lines()).as("the last step that worked, nothing built on it: dangling, as Docker shows it")
                .anyMatch(l -> l.startsWith("<none>"));

        var quiet = build("-q", ctx.toString());
        assertThat(quiet.exitCode()).isEqualTo(1);
        assertThat(quiet.out()).as("-q prints nothing on success's stream").isEmpty();
        assertThat(quiet.err()).as("what the build printed, then the error").contains("Step 2/4 : ENV A=1\n ---> Using cache")
                .contains("to-stderr").endsWith("returned a non-zero code: 3\n");
        ok(jlab.run("image", "prune", "-f"));
        assertThat(store()).as("image prune removed what the failed build left").isEqualTo(storeBefore);
    }

    @Test
    void dockerignore_build_args_and_a_tar_that_add_unpacks() throws IOException {
        write("Dockerfile", """
                ARG BASE=busybox
                FROM $BASE
                ARG VERSION=1
                ADD bundle.tar /opt/
                COPY *.txt /txt/
                RUN echo "v$VERSION" > /version
                ENV SHOWN=${VERSION:-none} DEFAULTED=${UNSET:-dflt} ALT=${VERSION:+set}
                CMD ["sh", "-c", "cat /version; ls /txt; ls /opt/bundle; echo $SHOWN $DEFAULTED $ALT; echo ${VERSION:-not in the image}"]
                """);
        write("a.txt", "a\n");
        write("b.txt", "b\n");
        write("secret.txt", "no\n");
        write(".dockerignore", "secret.txt\n");
        try (OutputStream out = Files.newOutputStream(ctx.resolve("bundle.tar"));
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            byte[] body = "inside the tar\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry e = new TarArchiveEntry("bundle/file");
            e.setSize(body.length);
            tar.putArchiveEntry(e);
            tar.write(body);
            tar.closeArchiveEntry();
        }
        var r = ok(build("--build-arg", "VERSION=2", "--build-arg", "UNUSED=x", "-t", "args", ctx.toString()));
        assertThat(r.out()).contains("[Warning] One or more build-args [UNUSED] were not consumed");
        var run = ok(jlab.run("run", "--rm", "args"));
        assertThat(run.lines()).containsExactly("v2", "a.txt", "b.txt", "file", "2 dflt set", "not in the image");
        StoredImage image = images().require("args");
        List<ImageConfig.History> h = image.config().historyOrEmpty();
        assertThat(h.get(h.size() - 3).createdBy()).as("ARG values in RUN's line").isEqualTo(
                "|1 VERSION=2 /bin/sh -c echo \"v$VERSION\" > /version");
        var other = ok(build("--build-arg", "VERSION=3", "-t", "args", ctx.toString()));
        assertThat(cachedSteps(other.out().lines().toList())).as("another value: RUN again").containsExactly(2, 3, 4);
    }

    @Test
    void a_multi_stage_build_copies_from_an_earlier_stage_only_what_it_names() throws IOException {
        write("Dockerfile", """
                FROM busybox AS builder
                WORKDIR /work
                RUN echo compiled > program && echo junk > junk && rm /bin/vi
                FROM busybox
                COPY --from=builder /work/program /usr/local/bin/
                COPY --from=builder --chown=65534:65534 /work/program /home/owned
                CMD ["sh", "-c", "cat /usr/local/bin/program; ls /work 2>&1 | head -1; stat -c %u:%g /home/owned; ls /bin/vi"]
                """);
        ok(build("-t", "final", ctx.toString()));
        var run = ok(jlab.run("run", "--rm", "final"));
        assertThat(run.lines()).containsExactly("compiled", "ls: /work: No such file or directory", "65534:65534", "/bin/vi");
    }

    /**
     * VOLUME: each container of the image gets an anonymous volume there, filled from the image's files,
     * outside the container's layer (diff does not show what is written there), and gone with rm -v;
     * a -v at the same path wins, and --rm leaves no volume.
     */
    @Test
    void an_images_volume_is_an_anonymous_volume_per_container_filled_from_the_image_and_removed_with_it() throws IOException {
        write("Dockerfile", """
                FROM busybox
                RUN mkdir /data && echo seeded > /data/seed
                VOLUME /data
                CMD ["sh", "-c", "cat /data/seed; echo written > /data/new; grep -c ' /data ' /proc/self/mountinfo"]
                """);
        ok(build("-t", "withvol", ctx.toString()));
        List<String> volumesBefore = ok(jlab.run("volume", "ls", "-q")).lines();
        try {
            var run = ok(jlab.run("run", "--name", "vol1", "withvol"));
            assertThat(run.lines()).as("the image's file, then /data a mount of its own").containsExactly("seeded", "1");
            List<String> made = new ArrayList<>(ok(jlab.run("volume", "ls", "-q")).lines());
            made.removeAll(volumesBefore);
            assertThat(made).as("one anonymous volume").hasSize(1);
            Path data = state.resolve("volumes").resolve(made.get(0)).resolve("_data");
            assertThat(data.resolve("seed")).hasContent("seeded");
            assertThat(data.resolve("new")).hasContent("written");
            assertThat(ok(jlab.run("inspect", "vol1")).out()).contains(made.get(0)).contains("/data");
            assertThat(ok(jlab.run("diff", "vol1")).out()).as("the volume is not the container's layer").doesNotContain("/data/new");
            ok(jlab.run("rm", "-v", "vol1"));
            assertThat(ok(jlab.run("volume", "ls", "-q")).lines()).as("rm -v removed it").containsExactlyInAnyOrderElementsOf(volumesBefore);

            var named = ok(jlab.run("run", "--rm", "-v", "mine:/data", "withvol"));
            assertThat(named.lines()).as("a named volume at the same path, filled from the image").containsExactly("seeded", "1");
            ok(jlab.run("run", "--rm", "withvol"));
            List<String> after = new ArrayList<>(ok(jlab.run("volume", "ls", "-q")).lines());
            after.removeAll(volumesBefore);
            assertThat(after).as("--rm removed its anonymous volume; the named one stays").containsExactly("mine");
        } finally {
            jlab.run("rm", "-f", "-v", "vol1");
            jlab.run("volume", "rm", "mine");
        }
    }

    /**
     * Two RUNs that change nothing each make the same empty layer (as Docker's classic builder does): the
     * image holds that layer twice, and overlayfs refuses a lowerdir named twice (ELOOP). The container
     * stacks each directory once, its highest occurrence.
     */
    @Test
    void two_runs_that_change_nothing_make_the_same_layer_twice_and_the_image_still_runs() throws IOException {
        write("Dockerfile", """
                FROM busybox
                RUN true
                RUN echo nothing written
                RUN echo after > /f
                CMD ["cat", "/f"]
                """);
        ok(build("-t", "noops", ctx.toString()));
        List<String> diffIds = images().require("noops").config().diffIds();
        assertThat(diffIds).hasSize(4);
        assertThat(diffIds.get(1)).as("the two empty layers").isEqualTo(diffIds.get(2));
        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "noops")).lines()).containsExactly("after");
        assertThat(ok(jlab.run("image", "inspect", "--layers", "-q", "noops")).lines()).hasSize(4);
    }

    /** --entrypoint replaces the image's ENTRYPOINT and drops its CMD, as in Docker; "" leaves the command alone. */
    @Test
    void entrypoint_replaces_the_images_and_drops_its_cmd() throws IOException {
        write("Dockerfile", """
                FROM busybox
                ENTRYPOINT ["echo", "from-entrypoint"]
                CMD ["and-cmd"]
                """);
        ok(build("-t", "ep", ctx.toString()));
        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "ep")).lines()).containsExactly("from-entrypoint and-cmd");
        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "ep", "args")).lines()).containsExactly("from-entrypoint args");
        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "--entrypoint", "sh", "ep", "-c", "echo overridden")).lines())
                .containsExactly("overridden");
        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "--entrypoint", "", "ep", "echo", "plain")).lines())
                .containsExactly("plain");
        var none = jlab.run("run", "--rm", "--network", "none", "--entrypoint", "", "ep");
        assertThat(none.exitCode()).as(none.err()).isNotZero();
        assertThat(none.err().strip()).startsWith("jlab: no command specified");
    }

    /**
     * A deep image: 100 layers' full paths (about 95 bytes each) do not fit in mount(2)'s one page of
     * options, so the overlay is mounted from images/l, naming each layer by its short link, as Docker's
     * overlay2 does; removing the image removes its layers' links.
     */
    @Test
    void an_image_of_a_hundred_layers_runs_mounted_by_the_layers_short_links_and_rmi_removes_them() throws IOException {
        StringBuilder dockerfile = new StringBuilder("FROM busybox\n");
        for (int k = 2; k <= 100; k++) {
            write("f" + k, "layer " + k + "\n");
            dockerfile.append("COPY f").append(k).append(" /f").append(k).append('\n');
        }
        write("Dockerfile", dockerfile.toString());
        Path links = state.resolve("images/l");
        int linksBefore = count(links);
        ok(build("-q", "-t", "deep", ctx.toString()));
        assertThat(ok(jlab.run("image", "inspect", "--layers", "-q", "deep")).lines()).hasSize(100);

        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "deep", "cat", "/f2", "/f51", "/f100")).lines())
                .containsExactly("layer 2", "layer 51", "layer 100");
        String explained = ok(jlab.run("run", "--rm", "--network", "none", "--explain", "deep", "true")).out();
        assertThat(explained).contains("(cd " + links + " && mount -t overlay -o lowerdir=");
        assertThat(count(links)).as("a link per layer").isEqualTo(linksBefore + 99);

        ok(jlab.run("rmi", "deep"));
        ok(jlab.run("image", "prune", "-f"));
        assertThat(count(links)).as("the removed layers' links").isEqualTo(linksBefore);
    }

    /** SHELL is kept in the image's config ("Shell", as in Docker): a build FROM the image runs its RUNs through it. */
    @Test
    void an_images_shell_is_the_shell_of_a_build_from_it() throws IOException {
        write("Dockerfile", """
                FROM busybox
                SHELL ["/bin/sh", "-c", "echo \\"$0\\" >> /shell.log"]
                """);
        ok(build("-t", "logging-shell", ctx.toString()));
        assertThat(images().require("logging-shell").config().settings().shell())
                .containsExactly("/bin/sh", "-c", "echo \"$0\" >> /shell.log");
        write("Dockerfile", """
                FROM logging-shell
                RUN not-a-program at all
                CMD ["cat", "/shell.log"]
                """);
        ok(build("-t", "child", ctx.toString()));
        assertThat(ok(jlab.run("run", "--rm", "--network", "none", "child")).lines()).containsExactly("not-a-program at all");
        assertThat(ok(jlab.run("image", "inspect", "child")).out()).contains("\"Shell\"");
    }

    /** The same history line, another configuration: not taken from the cache (Docker compares the configuration too). */
    @Test
    void env_of_one_variable_and_env_of_two_that_write_the_same_line_are_two_images() throws IOException {
        write("Dockerfile", "FROM busybox\nENV A=\"1 B=2\"\n");
        String one = builtId(ok(build("-t", "one-var", ctx.toString())));
        write("Dockerfile", "FROM busybox\nENV A=1 B=2\n");
        var two = ok(build("-t", "two-vars", ctx.toString()));
        assertThat(steps(two)).doesNotContain(" ---> Using cache");
        assertThat(builtId(two)).isNotEqualTo(one);
        assertThat(images().require("two-vars").config().settings().env()).contains("A=1", "B=2");
        assertThat(images().require("one-var").config().settings().env()).contains("A=1 B=2");
        assertThat(steps(ok(build("-t", "two-vars", ctx.toString())))).as("the same again").contains(" ---> Using cache");
    }
}
