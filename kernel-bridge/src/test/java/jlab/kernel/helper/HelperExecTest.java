package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.Leaks;

/**
 * What the command is given (streams, environment, capabilities, ids) and how
 * its end comes back: exec errors as 127 and 126, exit codes and signals
 * through the reaper after {@code fork}.
 */
class HelperExecTest extends RealHelperTest {
    private static final int SIGKILL = 9;
    private static final int SIGTERM = 15;

    // ---- exec failures: the helper's own exit codes --------------------------------

    @Test
    void exec_of_a_missing_file_throws_ENOENT_and_the_helper_exits_127() {
        Helper helper = start();
        Path missing = dir.resolve("missing");

        assertThatThrownBy(() -> helper.exec(List.of(missing.toString()))).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("exec");
            assertThat(e.arguments()).isEqualTo("\"" + missing + "\"");
            assertThat(e.errnoName()).isEqualTo("ENOENT");
            assertThat(e.hint()).contains("not in the container's PATH");
        });
        assertThat(helper.waitFor()).isEqualTo(127);
    }

    @Test
    void exec_of_a_command_not_in_the_path_names_the_path_searched_and_exits_127() {
        Helper helper = start();
        helper.call("env", "PATH=" + dir + ":/nonexistent");

        assertThatThrownBy(() -> helper.exec(List.of("jlab-no-such-command"))).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("exec");
            assertThat(e.arguments()).isEqualTo("\"jlab-no-such-command\", PATH=\"" + dir + ":/nonexistent\"");
            assertThat(e.errnoName()).isEqualTo("ENOENT");
        });
        assertThat(helper.waitFor()).isEqualTo(127);
    }

    @Test
    void exec_of_a_file_that_is_not_executable_throws_EACCES_and_the_helper_exits_126() throws Exception {
        Helper helper = start();
        Path script = Files.writeString(dir.resolve("script"), "#!/bin/busybox sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> helper.exec(List.of(script.toString()))).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("exec");
            assertThat(e.errnoName()).as("even root needs one x bit").isEqualTo("EACCES");
            assertThat(e.hint()).contains("not executable");
        });
        assertThat(helper.waitFor()).isEqualTo(126);
    }

    @Test
    void exec_of_an_executable_without_a_shebang_is_ENOEXEC_not_retried_with_sh() throws Exception {
        Helper helper = start();
        Path script = Files.writeString(dir.resolve("no-shebang"), "exit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

        assertThatThrownBy(() -> helper.exec(List.of(script.toString())))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOEXEC"));
        assertThat(helper.waitFor()).isEqualTo(126);
    }

    // ---- exit codes and signals through the reaper ---------------------------------

    @Test
    void the_commands_exit_code_comes_back_through_the_reaper() {
        Helper helper = start();
        captureOutput(helper);
        forkInit(helper);

        helper.exec(List.of(BUSYBOX, "sh", "-c", "exit 7"));

        assertThat(helper.waitFor()).isEqualTo(7);
    }

    @Test
    void kill_9_of_the_init_from_the_host_makes_the_reaper_exit_137() {
        Helper helper = start();
        captureOutput(helper);
        long init = forkInit(helper);
        helper.exec(List.of(BUSYBOX, "sleep", "30"));

        assertThat(sys.kill(init, SIGKILL)).isTrue();

        assertThat(helper.waitFor()).isEqualTo(137);
    }

    @Test
    void the_init_dies_with_its_reaper() {
        Helper helper = start();
        captureOutput(helper);
        long init = forkInit(helper);
        helper.exec(List.of(BUSYBOX, "sleep", "30"));

        helper.signal(SIGKILL);

        assertThat(helper.waitFor()).isEqualTo(137);
        Leaks.assertProcessGone(init); // its PR_SET_PDEATHSIG, then reaped by whoever inherited it
    }

    @Test
    void sigterm_to_the_reaper_is_forwarded_to_an_init_that_traps_it() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);
        forkInit(helper);
        // PID 1 gets only the signals it handles: this shell handles TERM.
        helper.exec(List.of(BUSYBOX, "sh", "-c", "trap 'exit 42' TERM; echo ready; while :; do sleep 0.05; done"));
        awaitOutput(out, "ready\n");

        helper.signal(SIGTERM);

        assertThat(helper.waitFor()).isEqualTo(42);
    }

    // ---- what the command is given --------------------------------------------------

    @Test
    void stdio_gives_the_command_files_as_its_streams_and_appends_to_output() throws Exception {
        Helper helper = start();
        Path in = Files.writeString(dir.resolve("in"), "from a file\n");
        Path out = Files.writeString(dir.resolve("out"), "earlier\n");
        Path err = dir.resolve("err");

        helper.call("stdio", in.toString(), out.toString(), err.toString());
        helper.exec(List.of(BUSYBOX, "sh", "-c", "/bin/busybox cat; echo oops >&2"));

        assertThat(helper.waitFor()).isZero();
        assertThat(Files.readString(out)).isEqualTo("earlier\nfrom a file\n");
        assertThat(Files.readString(err)).isEqualTo("oops\n");
    }

    @Test
    void env_replaces_the_whole_environment_of_the_command() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);

        helper.call("env", "FOO=bar", "GREETING=hello world");
        helper.exec(List.of(BUSYBOX, "env"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines()).containsExactly("FOO=bar", "GREETING=hello world");
    }

    @Test
    void without_env_the_command_gets_only_the_default_path() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);

        helper.exec(List.of(BUSYBOX, "env"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines()).containsExactly("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    }

    @Test
    void caps_keeps_only_the_named_capabilities_in_every_set_but_inheritable_and_ambient() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);

        helper.call("caps", "chown", "kill"); // bits 0 and 5: 0x21
        helper.exec(List.of(BUSYBOX, "grep", "^Cap", "/proc/self/status"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines()).containsExactly(
                "CapInh:\t0000000000000000",
                "CapPrm:\t0000000000000021",
                "CapEff:\t0000000000000021",
                "CapBnd:\t0000000000000021",
                "CapAmb:\t0000000000000000");
    }

    @Test
    void a_second_caps_without_setpcap_is_EPERM() {
        Helper helper = start();
        helper.call("caps", "chown");

        assertThatThrownBy(() -> helper.call("caps", "chown")).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.operation()).isEqualTo("prctl");
            assertThat(e.arguments()).startsWith("PR_CAPBSET_DROP, ");
            assertThat(e.errnoName()).isEqualTo("EPERM");
        });
    }

    @Test
    void nonewprivs_is_inherited_by_the_command() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper);

        helper.call("nonewprivs");
        helper.exec(List.of(BUSYBOX, "grep", "^NoNewPrivs", "/proc/self/status"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines()).containsExactly("NoNewPrivs:\t1");
    }

    @Test
    void setid_runs_the_command_as_that_user_group_and_supplementary_groups() throws Exception {
        Helper helper = start();
        Path out = captureOutput(helper); // opened while still root

        helper.call("setid", "65534", "65534", "100,200");
        helper.exec(List.of(BUSYBOX, "sh", "-c", "/bin/busybox id -u; /bin/busybox grep -E '^(Uid|Gid|Groups):' /proc/self/status"));

        assertThat(helper.waitFor()).isZero();
        assertThat(read(out).lines().map(String::strip)).containsExactly(
                "65534",
                "Uid:\t65534\t65534\t65534\t65534",
                "Gid:\t65534\t65534\t65534\t65534",
                "Groups:\t100 200");
    }

    private static void awaitOutput(Path file, String expected) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!read(file).equals(expected)) {
            if (System.nanoTime() > deadline) throw new AssertionError("no '" + expected + "' in " + file + ": '" + read(file) + "'");
            Thread.sleep(10);
        }
    }
}
