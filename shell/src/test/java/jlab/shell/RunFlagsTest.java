package jlab.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Docker's flags, with Docker's meanings and exit codes, on the real kernel. */
class RunFlagsTest extends RealJlabTest {

    @Test
    void the_exit_code_is_the_commands_own() {
        assertThat(jlab.run("run", "--rm", "busybox", "sh", "-c", "exit 7").exitCode()).isEqualTo(7);
        assertThat(jlab.run("run", "--rm", "busybox", "true").exitCode()).isZero();
    }

    @Test
    void a_command_not_found_exits_127() {
        var r = jlab.run("run", "--rm", "busybox", "no-such-command");
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.err()).contains("exec: \"no-such-command\": executable file not found in $PATH");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void a_file_that_is_not_executable_exits_126() {
        var r = jlab.run("run", "--rm", "busybox", "/etc/passwd");
        assertThat(r.exitCode()).isEqualTo(126);
        assertThat(r.err()).contains("exec: \"/etc/passwd\": permission denied");
    }

    @Test
    void env_sets_variables_and_name_alone_takes_jlabs_value() {
        var r = jlab.run("run", "--rm", "-e", "GREETING=bonjour", "-e", "JLAB_STATE_DIR", "--hostname", "h1",
                "busybox", "sh", "-c", "echo $GREETING; echo $JLAB_STATE_DIR; echo $HOSTNAME; echo $HOME; echo $PATH");
        assertThat(r.lines()).containsExactly("bonjour", state.toString(), "h1", "/root",
                "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void workdir_is_the_commands_directory_and_is_created_if_missing() {
        assertThat(jlab.run("run", "--rm", "-w", "/etc", "busybox", "pwd").out().strip()).isEqualTo("/etc");
        assertThat(jlab.run("run", "--rm", "-w", "/srv/app", "busybox", "pwd").out().strip()).isEqualTo("/srv/app");
    }

    @Test
    void user_runs_the_command_as_that_user_with_no_capabilities() {
        var r = jlab.run("run", "--rm", "--user", "nobody", "busybox", "sh", "-c", "id -u; id -g; grep CapEff /proc/self/status");
        assertThat(r.lines()).containsExactly("65534", "65534", "CapEff:\t0000000000000000");
        var numeric = jlab.run("run", "--rm", "-u", "1234:55", "busybox", "sh", "-c", "id -u; id -g");
        assertThat(numeric.lines()).containsExactly("1234", "55");
    }

    @Test
    void interactive_passes_standard_input_and_without_it_the_container_reads_nothing() {
        assertThat(jlab.runWithInput("hello from stdin\n", "run", "--rm", "-i", "busybox", "cat").out()).isEqualTo("hello from stdin\n");
        assertThat(jlab.runWithInput("ignored\n", "run", "--rm", "busybox", "cat").out()).isEmpty();
    }

    @Test
    void userns_maps_root_to_an_unprivileged_host_range() {
        var r = jlab.run("run", "--rm", "--userns", "busybox", "sh", "-c",
                "cat /proc/self/uid_map; id -u; stat -c %u /bin/busybox; touch /tmp/ok && echo tmp-writable");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.lines().get(0).trim().split("\\s+")).containsExactly("0", "100000", "65536");
        assertThat(r.lines().get(1)).isEqualTo("0");
        assertThat(r.lines().get(2)).as("the image's files belong to host root, unmapped: nobody").isEqualTo("65534");
        assertThat(r.lines()).contains("tmp-writable");
    }

    @Test
    void without_rm_the_container_stays_in_ps_a_until_rm() {
        var r = jlab.run("run", "--name", "kept", "busybox", "sh", "-c", "echo data > /file; exit 3");
        assertThat(r.exitCode()).isEqualTo(3);
        var ps = jlab.run("ps", "-a");
        assertThat(ps.out()).contains("kept").contains("Exited (3)");
        assertThat(jlab.run("ps").out()).doesNotContain("kept");
        String id = jlab.run("ps", "-a", "--json").out().replaceAll("(?s).*\"id\" : \"([0-9a-f]{64})\".*", "$1");
        assertThat(state.resolve("containers").resolve(id).resolve("upper/file")).exists();
        assertThat(jlab.run("rm", "kept").exitCode()).isZero();
        assertThat(jlab.run("ps", "-a").out()).doesNotContain("kept");
        assertThat(state.resolve("containers").resolve(id)).doesNotExist();
    }

    @Test
    void rootfs_runs_any_directory_as_an_image() throws Exception {
        Path dir = Files.createTempDirectory("jlab-rootfs");
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.copy(Path.of("/bin/busybox"), dir.resolve("bin/busybox"));
            var r = jlab.run("run", "--rm", "--rootfs", dir.toString(), "/bin/busybox", "sh", "-c", "echo $$; ls /");
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.lines().get(0)).isEqualTo("1");
            assertThat(dir.resolve("proc")).as("mount points are made in the upper dir, not the image").doesNotExist();
        } finally {
            jlab.run("gc");
            org.assertj.core.util.Files.delete(dir.toFile());
        }
    }
}
