package jlab.kernel.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jlab.kernel.KernelException;
import jlab.kernel.caps.Capability;

class ProcStatusTest {
    @TempDir Path tmp;

    private ProcStatus status(String fixture) {
        return new FakeProc(tmp).fixture(4242, "status", "status/" + fixture).procFs().status(4242);
    }

    @Test
    void nspid_innermost_is_the_pid_the_container_sees() {
        ProcStatus s = status("docker-container-init.txt");

        assertThat(s.nsPids()).containsExactly(4242L, 1L);
        assertThat(s.pid()).isEqualTo(4242);
        assertThat(s.pidInInnermostNamespace()).isEqualTo(1);
        assertThat(s.ppid()).isEqualTo(4220);
        assertThat(s.name()).isEqualTo("sh");
        assertThat(s.state()).isEqualTo('S');
    }

    @Test
    void capeff_a80425fb_is_exactly_dockers_fourteen_default_capabilities() {
        ProcStatus s = status("docker-container-init.txt");

        assertThat(s.capEffMask()).isEqualTo(0xa80425fbL);
        assertThat(s.capEff()).hasSize(14).isEqualTo(Capability.DOCKER_DEFAULTS);
        assertThat(s.capPrm()).isEqualTo(Capability.DOCKER_DEFAULTS);
        assertThat(s.capBnd()).isEqualTo(Capability.DOCKER_DEFAULTS)
                .doesNotContain(Capability.SYS_ADMIN, Capability.NET_ADMIN, Capability.SYS_PTRACE);
    }

    @Test
    void ids_seccomp_and_no_new_privs_are_read() {
        ProcStatus s = status("docker-container-init.txt");

        assertThat(s.uids()).containsExactly(0, 0, 0, 0);
        assertThat(s.gids()).containsExactly(0, 0, 0, 0);
        assertThat(s.seccomp()).isEqualTo(2);
        assertThat(s.noNewPrivs()).isFalse();
    }

    @Test
    void an_old_kernel_without_nspid_or_no_new_privs_gets_defaults() {
        ProcStatus s = status("centos7-kernel-3.10.txt");

        assertThat(s.nsPids()).containsExactly(1337L);
        assertThat(s.pidInInnermostNamespace()).isEqualTo(1337);
        assertThat(s.noNewPrivs()).isFalse();
        assertThat(s.uids()).containsExactly(1000, 1000, 1000, 1000);
        assertThat(s.effectiveUid()).isEqualTo(1000);
        assertThat(s.gids()).containsExactly(100, 100, 100, 100);
        assertThat(s.capEff()).isEmpty();
        assertThat(s.capBnd()).hasSize(37).contains(Capability.BLOCK_SUSPEND).doesNotContain(Capability.AUDIT_READ);
    }

    @Test
    void capability_bits_this_enum_does_not_know_stay_in_the_mask() {
        ProcStatus s = status("host-init-future-caps.txt");

        assertThat(s.capBndMask()).isEqualTo(0xfffffffffffL);
        assertThat(s.capBnd()).containsExactlyInAnyOrder(Capability.values());
        assertThat(Capability.toMask(s.capBnd())).isEqualTo(0x1ffffffffffL);
        assertThat(s.noNewPrivs()).isTrue();
        assertThat(s.ppid()).isZero();
    }

    @Test
    void process_names_with_newlines_and_backslashes_are_unescaped() {
        // What the kernel wrote for an executable named "a b<TAB>c\d<NEWLINE>e" (seen on 6.18).
        String status = FakeProc.fixture("status/docker-container-init.txt")
                .replace("Name:\tsh\n", "Name:\ta b\tc\\\\d\\ne\n");
        ProcStatus s = new FakeProc(tmp).file(4242, "status", status).procFs().status(4242);

        assertThat(s.name()).isEqualTo("a b\tc\\d\ne");
    }

    @Test
    void a_name_ending_in_a_space_keeps_it() {
        String status = FakeProc.fixture("status/docker-container-init.txt").replace("Name:\tsh\n", "Name:\tsh \n");

        assertThat(new FakeProc(tmp).file(4242, "status", status).procFs().status(4242).name()).isEqualTo("sh ");
    }

    @Test
    void a_file_that_is_not_a_status_file_says_what_is_missing() {
        ProcFs proc = new FakeProc(tmp).file(7, "status", "Name:\tx\nState:\tS (sleeping)\n").procFs();

        assertThatThrownBy(() -> proc.status(7))
                .isInstanceOf(KernelException.class)
                .hasMessageContaining("no Pid: line");
    }

    @Test
    void statuses_compare_their_ids_by_value() {
        ProcStatus a = status("docker-container-init.txt");
        ProcStatus b = StatusParser.parse(FakeProc.fixture("status/docker-container-init.txt"), "copy");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toString()).contains("uids=[0, 0, 0, 0]", "capEffMask=a80425fb");
    }

    @Test
    void the_ids_returned_are_a_copy() {
        ProcStatus s = status("docker-container-init.txt");
        s.uids()[0] = 99;

        assertThat(s.uids()[0]).isZero();
    }
}
