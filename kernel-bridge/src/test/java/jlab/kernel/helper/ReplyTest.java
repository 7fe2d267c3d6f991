package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

import jlab.kernel.Hints;
import jlab.kernel.KernelException;

/** The helper's reply lines, parsed without a helper. */
class ReplyTest {

    @Test
    void an_ok_line_carries_its_key_values_in_order() {
        Reply reply = Reply.parse("ok uts=4026532201 ipc=4026532202");

        assertThat(reply.values()).containsExactly(entry("uts", "4026532201"), entry("ipc", "4026532202"));
        assertThat(reply.getLong("uts")).isEqualTo(4026532201L);
    }

    @Test
    void a_bare_ok_carries_nothing_and_asking_for_a_missing_key_says_what_was_there() {
        assertThat(Reply.parse("ok").values()).isEmpty();
        assertThatThrownBy(() -> Reply.parse("ok init=42").get("pid"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("'pid'").hasMessageContaining("init=42");
    }

    @Test
    void an_err_line_becomes_the_kernel_exception_it_describes_with_the_hint() {
        assertThatThrownBy(() -> Reply.parse("err EINVAL 22 pivot_root(\".\", \".\"): Invalid argument"))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.operation()).isEqualTo("pivot_root");
                    assertThat(e.arguments()).isEqualTo("\".\", \".\"");
                    assertThat(e.errnoName()).isEqualTo("EINVAL");
                    assertThat(e.errno()).isEqualTo(22);
                    assertThat(e.hint()).isEqualTo(Hints.forFailure("pivot_root", "EINVAL")).contains("mount point");
                    assertThat(e.getMessage()).startsWith("pivot_root(\".\", \".\"): EINVAL (Invalid argument) — ");
                });
    }

    @Test
    void arguments_may_hold_parentheses_and_colons() {
        KernelException e = Reply.parseError(
                "err ENOENT 2 mount(\"(a): b\", \"/x\", NULL, MS_BIND|MS_REC, NULL): No such file or directory");

        assertThat(e.operation()).isEqualTo("mount");
        assertThat(e.arguments()).isEqualTo("\"(a): b\", \"/x\", NULL, MS_BIND|MS_REC, NULL");
        assertThat(e.errnoName()).isEqualTo("ENOENT");
        assertThat(e.errno()).isEqualTo(2);
    }

    @Test
    void an_exec_error_is_reported_as_exec_whether_execve_or_execvpe_failed() {
        KernelException execve = Reply.parseError("err EACCES 13 execve(\"/x\"): Permission denied");
        KernelException execvpe = Reply.parseError(
                "err ENOENT 2 execvpe(\"sh\", PATH=\"/usr/bin:/bin\"): No such file or directory");

        assertThat(execve.operation()).isEqualTo("exec");
        assertThat(execve.arguments()).isEqualTo("\"/x\"");
        assertThat(execve.hint()).isEqualTo(Hints.forFailure("exec", "EACCES"));
        assertThat(execvpe.operation()).isEqualTo("exec");
        assertThat(execvpe.arguments()).isEqualTo("\"sh\", PATH=\"/usr/bin:/bin\"");
        assertThat(execvpe.hint()).isEqualTo(Hints.forFailure("exec", "ENOENT"));
    }

    @Test
    void an_errno_the_helper_has_no_name_for_keeps_its_number() {
        KernelException e = Reply.parseError("err E200 200 frob(): Unknown error 200");

        assertThat(e.errnoName()).isEqualTo("E200");
        assertThat(e.errno()).isEqualTo(200);
        assertThat(e.operation()).isEqualTo("frob");
    }

    @Test
    void a_usage_error_keeps_the_word_usage_and_EINVAL() {
        KernelException e = Reply.parseError("err EINVAL 22 usage: unknown verb \"frob\"");

        assertThat(e.errnoName()).isEqualTo("EINVAL");
        assertThat(e.getMessage()).contains("usage: unknown verb \"frob\"");
    }

    @Test
    void a_line_outside_the_protocol_is_refused() {
        assertThatThrownBy(() -> Reply.parse("hello?")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("outside its protocol").hasMessageContaining("hello?");
    }
}
