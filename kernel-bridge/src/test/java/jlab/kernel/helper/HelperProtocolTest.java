package jlab.kernel.helper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import jlab.kernel.KernelException;
import jlab.kernel.syscall.FreshThread;
import jlab.kernel.syscall.NsInode;

/** The conversation itself: replies, errors, pipelining, end-of-file, and dying with the parent thread. */
class HelperProtocolTest extends RealHelperTest {

    @Test
    void hello_answers_protocol_version_1_and_the_helpers_own_pid() {
        Helper helper = start();

        Reply reply = helper.call("hello");

        assertThat(reply.values()).containsExactly(entry("version", "1"), entry("pid", String.valueOf(helper.pid())));
    }

    @Test
    void an_unknown_verb_is_a_usage_error_EINVAL() {
        Helper helper = start();

        assertThatThrownBy(() -> helper.call("frobnicate", "x")).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EINVAL");
            assertThat(e.errno()).isEqualTo(22);
            assertThat(e.getMessage()).contains("usage").contains("unknown verb \"frobnicate\"");
        });
    }

    @Test
    void a_wrong_number_of_fields_is_a_usage_error_that_shows_the_synopsis() {
        Helper helper = start();

        assertThatThrownBy(() -> helper.call("mount", "only-a-source")).isInstanceOfSatisfying(KernelException.class, e -> {
            assertThat(e.errnoName()).isEqualTo("EINVAL");
            assertThat(e.getMessage()).contains("usage: mount SRC TARGET FSTYPE FLAGS DATA");
        });
    }

    @Test
    void a_failed_request_sent_alone_does_not_cancel_the_next_one() {
        Helper helper = start();

        assertThatThrownBy(() -> helper.call("chdir", dir.resolve("missing").toString()))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.errnoName()).isEqualTo("ENOENT"));

        // The protocol: "A request sent alone behaves exactly as before" pipelining existed.
        assertThat(helper.call("hello").get("version")).isEqualTo("1");
    }

    @Test
    void a_pipeline_returns_one_reply_per_request_in_order() {
        Helper helper = start();
        Path made = dir.resolve("made");

        List<Reply> replies = helper.pipeline(List.of(
                List.of("hello"),
                List.of("unshare", "uts"),
                List.of("sethostname", "jlab-pipeline"),
                List.of("mkdir", made.toString(), "755")));

        assertThat(replies).hasSize(4);
        assertThat(replies.get(0).get("version")).isEqualTo("1");
        assertThat(replies.get(1).getLong("uts")).isEqualTo(NsInode.of(helper.pid(), "uts"));
        assertThat(replies.get(2).values()).isEmpty();
        assertThat(replies.get(3).values()).isEmpty();
        assertThat(made).isDirectory();
    }

    @Test
    void a_pipeline_stops_at_the_first_failure_throws_it_and_the_helper_serves_again_after_sync() {
        Helper helper = start();
        Path before = dir.resolve("before");
        Path missing = dir.resolve("missing");
        Path after = dir.resolve("after");

        assertThatThrownBy(() -> helper.pipeline(List.of(
                List.of("mkdir", before.toString(), "755"),
                List.of("chdir", missing.toString()),
                List.of("mkdir", after.toString(), "755"))))
                .isInstanceOfSatisfying(KernelException.class, e -> {
                    assertThat(e.operation()).as("the real failure, not the ECANCELED of the skipped request").isEqualTo("chdir");
                    assertThat(e.arguments()).isEqualTo("\"" + missing + "\"");
                    assertThat(e.errnoName()).isEqualTo("ENOENT");
                });

        assertThat(before).isDirectory();
        assertThat(after).as("the request after the failure was not run").doesNotExist();
        assertThat(helper.call("hello").get("version")).isEqualTo("1");
        helper.call("mkdir", after.toString(), "755");
        assertThat(after).isDirectory();
    }

    @Test
    void end_of_file_before_exec_makes_the_helper_exit_125() {
        Helper helper = start();
        helper.call("hello");

        helper.close();

        assertThat(helper.waitFor()).isEqualTo(125);
    }

    @Test
    void a_helper_that_dies_with_its_parent_dies_when_the_thread_that_started_it_ends() throws Exception {
        // The thread spawns the helper and ends; the JVM, the helper's parent process, lives on.
        Helper helper = FreshThread.call("short-lived-parent", () -> {
            Helper h = Helper.start(binary, true);
            h.call("hello");
            return h;
        });
        started(helper);

        assertThat(helper.waitFor()).as("PR_SET_PDEATHSIG: SIGKILL when the parent thread exits").isEqualTo(137);
    }

    @Test
    void a_helper_that_does_not_die_with_its_parent_outlives_the_thread_that_started_it() throws Exception {
        Helper helper = FreshThread.call("short-lived-parent", () -> Helper.start(binary, false));
        started(helper);

        assertThat(helper.call("hello").getLong("pid")).isEqualTo(helper.pid());
        helper.close();
        assertThat(helper.waitFor()).isEqualTo(125);
    }
}
