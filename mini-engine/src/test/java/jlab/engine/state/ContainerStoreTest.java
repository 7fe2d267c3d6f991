package jlab.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.ContainerSpec;
import jlab.engine.EngineException;
import jlab.engine.Resources;

/** Containers on disk: names taken atomically, state.json round trips, lookup by name or id prefix. */
class ContainerStoreTest {
    @TempDir Path root;
    StateDir state;
    ContainerStore store;

    @BeforeEach
    void emptyStateDir() {
        state = new StateDir(root);
        store = new ContainerStore(state);
    }

    /** A 64-digit id that starts with {@code prefix}. */
    private static String id(String prefix) {
        return prefix + "0".repeat(64 - prefix.length());
    }

    private static ContainerRecord record(String id, String name, long created) {
        return new ContainerRecord(id, name, "busybox", List.of("sh", "-c", "echo $$"), created,
                new ProcessIdentity(4242, 987654), ContainerRecord.RUNNING, 4243, 4244, "jlab/" + id, null, false, true);
    }

    @Test
    void a_name_held_by_an_existing_container_is_refused_naming_the_holder_and_jlab_rm() {
        String holder = id("3f2a9c1b7d4e");
        store.save(record(holder, "web", 1));
        store.reserveName("web", holder);

        assertThatThrownBy(() -> store.reserveName("web", id("bbbb")))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("\"web\" is already in use by container 3f2a9c1b7d4e:")
                .hasMessageContaining("jlab rm web");
        assertThat(store.readName("web")).contains(holder);
    }

    @Test
    void a_name_whose_container_is_gone_is_taken_over() {
        store.reserveName("web", id("aaaa")); // its container directory was never made: a crash
        store.reserveName("web", id("bbbb"));
        assertThat(store.readName("web")).contains(id("bbbb"));
    }

    @Test
    void a_record_round_trips_through_state_json() throws IOException {
        ContainerRecord running = record(id("3f2a"), "web", 1_700_000_000_000L);
        store.save(running);
        assertThat(store.load(running.id())).contains(running);

        ContainerRecord exited = running.exited(137, true);
        store.save(exited);
        assertThat(store.load(running.id())).contains(exited);
        assertThat(exited.owner()).isEqualTo(new ProcessIdentity(4242, 987654));
        assertThat(exited.exitCode()).isEqualTo(137);
        assertThat(exited.cgroup()).isNull();
        try (var files = Files.list(state.container(running.id()).dir())) {
            assertThat(files).as("the temporary file is renamed, not left")
                    .containsExactly(state.container(running.id()).state());
        }
    }

    @Test
    void a_missing_or_half_written_record_loads_as_empty() throws IOException {
        assertThat(store.load(id("aaaa"))).isEmpty();
        Path dir = Files.createDirectories(state.container(id("bbbb")).dir());
        Files.writeString(dir.resolve("state.json"), "{\"id\": \"bbbb");
        assertThat(store.load(id("bbbb"))).isEmpty();
    }

    @Test
    void list_is_sorted_newest_first_and_skips_directories_without_a_record() throws IOException {
        store.save(record(id("aaaa"), "old", 100));
        store.save(record(id("cccc"), "newest", 300));
        store.save(record(id("bbbb"), "middle", 200));
        Files.createDirectories(state.container(id("dddd")).dir());

        assertThat(store.list()).extracting(ContainerRecord::name).containsExactly("newest", "middle", "old");
        assertThat(store.ids()).hasSize(4);
    }

    @Test
    void find_by_name() {
        ContainerRecord web = record(id("3f2a"), "web", 1);
        store.save(web);
        store.reserveName("web", web.id());
        assertThat(store.find("web")).contains(web);
    }

    @Test
    void find_by_full_id_or_unique_prefix() {
        ContainerRecord a = record(id("3f2a"), "a", 1);
        ContainerRecord b = record(id("3f9b"), "b", 2);
        store.save(a);
        store.save(b);
        assertThat(store.find(a.id())).contains(a);
        assertThat(store.find("3f2")).contains(a);
        assertThat(store.find("3f9")).contains(b);
        assertThat(store.find("ffff")).isEmpty();
    }

    @Test
    void an_ambiguous_prefix_is_refused() {
        store.save(record(id("3f2a"), "a", 1));
        store.save(record(id("3f9b"), "b", 2));
        assertThatThrownBy(() -> store.find("3f"))
                .isInstanceOf(EngineException.class)
                .hasMessageContaining("\"3f\" matches several containers");
    }

    @Test
    void delete_removes_the_directory_and_frees_the_name() throws IOException {
        ContainerRecord web = record(id("3f2a"), "web", 1);
        store.save(web);
        store.reserveName("web", web.id());
        Files.createDirectories(state.container(web.id()).upper().resolve("etc"));

        store.delete(web.id(), "web");

        assertThat(state.container(web.id()).dir()).doesNotExist();
        assertThat(store.readName("web")).isEmpty();
        assertThat(store.find("web")).isEmpty();
        store.reserveName("web", id("bbbb")); // free for the next container
    }

    @Test
    void a_name_is_released_only_by_the_container_that_holds_it() {
        store.reserveName("web", id("aaaa"));
        store.releaseName("web", id("bbbb"));
        assertThat(store.readName("web")).contains(id("aaaa"));
        store.releaseName("web", id("aaaa"));
        assertThat(store.readName("web")).isEmpty();
    }

    @Test
    void an_empty_string_is_no_container_even_when_only_one_exists() {
        store.save(record(id("3f2a"), "a", 1));
        assertThat(store.find("")).isEmpty();
    }

    @Test
    void a_path_is_neither_a_name_nor_an_id() {
        ContainerRecord web = record(id("3f2a"), "web", 1);
        store.save(web);
        store.reserveName("web", web.id());
        for (String notAName : List.of("", ".", "..", "../names/web", "../containers/" + web.id())) {
            assertThat(store.find(notAName)).as("find(\"%s\")", notAName).isEmpty();
        }
    }

    @Test
    void config_json_round_trips_the_whole_spec_for_a_later_jlab() {
        jlab.engine.ContainerSpec spec = jlab.engine.ContainerSpec.builder().rootfs(Path.of("/srv/rootfs"))
                .command("sh", "-c", "echo hi").env(List.of("A=1")).hostname("box").remove(true).userns(true)
                .resources(new jlab.engine.Resources(64L << 20, null, 0.5, null, 20L))
                .mounts(List.of(jlab.engine.volume.MountParser.volume("/srv/site:/www:ro"),
                        jlab.engine.volume.MountParser.volume("/anon"),
                        jlab.engine.volume.MountParser.tmpfs("/scratch:size=8m")))
                .build();
        store.saveConfig(id("ab"), spec);
        assertThat(store.loadConfig(id("ab"))).contains(spec);
        assertThat(store.loadConfig(id("cd"))).isEmpty();
    }

    @Test
    void a_new_containers_directory_appears_with_its_record_and_a_staging_one_is_never_listed() throws IOException {
        Files.createDirectories(state.containers().resolve("." + id("d0") + ".new"));
        store.save(record(id("d1"), "x", 1));

        assertThat(store.ids()).containsExactly(id("d1"));
        assertThat(Files.exists(state.container(id("d1")).state())).isTrue();
        assertThat(state.containers().resolve("." + id("d1") + ".new")).doesNotExist();
        store.save(record(id("d1"), "x", 2)); // an existing directory: state.json is replaced
        assertThat(store.load(id("d1")).orElseThrow().created()).isEqualTo(2);
    }
}
