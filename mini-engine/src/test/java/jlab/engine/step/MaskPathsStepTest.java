package jlab.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which mounts hide and freeze /proc and /sys, decided from what a (fake) host has. */
class MaskPathsStepTest {
    @TempDir Path host;

    private void file(String path) throws IOException {
        Path p = host.resolve(path.substring(1));
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    private void dir(String path) throws IOException {
        Files.createDirectories(host.resolve(path.substring(1)));
    }

    @Test
    void a_masked_file_gets_dev_null_bound_over_it() throws IOException {
        file("/proc/kcore");
        assertThat(new MaskPathsStep(host).requests())
                .containsExactly(List.of("mount", "/dev/null", "/proc/kcore", "", "bind", ""));
    }

    @Test
    void a_masked_directory_gets_an_empty_read_only_tmpfs() throws IOException {
        dir("/proc/scsi");
        assertThat(new MaskPathsStep(host).requests())
                .containsExactly(List.of("mount", "tmpfs", "/proc/scsi", "tmpfs", "ro", "size=0"));
    }

    @Test
    void a_read_only_path_is_bound_onto_itself_then_remounted_read_only() throws IOException {
        dir("/proc/sys");
        assertThat(new MaskPathsStep(host).requests()).containsExactly(
                List.of("mount", "/proc/sys", "/proc/sys", "", "bind,rec", ""),
                List.of("mount", "", "/proc/sys", "", "ro,nosuid,nodev,noexec,remount,bind", ""));
    }

    @Test
    void paths_this_kernel_lacks_are_skipped() {
        assertThat(new MaskPathsStep(host).requests()).isEmpty();
    }

    @Test
    void masks_come_first_in_moby_order_then_read_only_paths() throws IOException {
        dir("/sys/firmware");
        file("/proc/kcore");
        file("/proc/sysrq-trigger");
        file("/proc/keys");
        assertThat(new MaskPathsStep(host).requests()).extracting(r -> r.get(2)).containsExactly(
                "/proc/kcore", "/proc/keys", "/sys/firmware", "/proc/sysrq-trigger", "/proc/sysrq-trigger");
    }

    @Test
    void targets_are_paths_of_the_container_not_of_the_fake_host() throws IOException {
        file("/proc/kcore");
        dir("/proc/sys");
        assertThat(new MaskPathsStep(host).requests()).allSatisfy(r -> assertThat(r.get(2)).startsWith("/proc/"));
    }
}
