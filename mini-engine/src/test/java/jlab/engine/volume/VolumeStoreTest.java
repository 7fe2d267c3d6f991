package jlab.engine.volume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.engine.ContainerSpec;
import jlab.engine.state.ContainerStore;
import jlab.engine.state.StateDir;

/** Volumes as directories under the state directory, and which containers use them, from their saved specs. */
class VolumeStoreTest {
    @TempDir Path tmp;

    @Test
    void a_volume_is_a_data_directory_under_volumes_and_creating_it_twice_keeps_it() throws Exception {
        VolumeStore store = new VolumeStore(new StateDir(tmp));
        store.create("data");
        Files.writeString(store.data("data").resolve("f"), "kept");
        store.create("data");
        assertThat(store.data("data")).isEqualTo(tmp.resolve("volumes/data/_data"));
        assertThat(store.data("data").resolve("f")).hasContent("kept");
        assertThat(store.names()).containsExactly("data");
        store.delete("data");
        assertThat(tmp.resolve("volumes")).isEmptyDirectory();
    }

    @Test
    void an_anonymous_volume_name_is_derived_from_the_container_and_the_target() {
        String a = VolumeStore.anonymousName("c1", "/data");
        assertThat(a).hasSize(64).matches("[0-9a-f]+");
        assertThat(VolumeStore.anonymousName("c1", "/data")).isEqualTo(a);
        assertThat(VolumeStore.anonymousName("c2", "/data")).isNotEqualTo(a);
    }

    @Test
    void users_and_anonymous_volumes_come_from_the_saved_spec_alone() {
        StateDir state = new StateDir(tmp);
        ContainerStore containers = new ContainerStore(state);
        String id = "ab".repeat(32);
        ContainerSpec spec = ContainerSpec.builder().image("busybox").rootfs(null)
                .mounts(java.util.List.of(MountParser.volume("data:/data"), MountParser.volume("/anon"),
                        MountParser.volume("/srv:/srv"), MountParser.tmpfs("/t")))
                .build();
        containers.saveConfig(id, spec);
        Volumes volumes = new Volumes(containers); // as a later jlab process would: nothing in memory
        volumes.store().create("data");
        volumes.store().createAnonymous(VolumeStore.anonymousName(id, "/anon"), id);

        assertThat(volumes.usersOf("data")).containsExactly(id);
        assertThat(volumes.mountsOf(id, spec)).containsExactly(
                new MountView("volume", "data", tmp.resolve("volumes/data/_data").toString(), "/data", true),
                new MountView("volume", VolumeStore.anonymousName(id, "/anon"),
                        tmp.resolve("volumes/" + VolumeStore.anonymousName(id, "/anon") + "/_data").toString(), "/anon", true),
                new MountView("bind", null, "/srv", "/srv", true),
                new MountView("tmpfs", null, null, "/t", true));
        assertThat(containers.loadConfig(id)).contains(spec);
        assertThat(volumes.removeAnonymous(id, containers.loadConfig(id).orElseThrow()))
                .containsExactly(VolumeStore.anonymousName(id, "/anon"));
        assertThat(volumes.store().names()).containsExactly("data");
    }
}
